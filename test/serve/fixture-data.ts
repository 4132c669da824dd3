import { dbLocation } from '../helpers/temp.ts';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { closeDb, openDb } from '../../src/store/db.ts';

export const XSS_TEXT = '<script>alert(1)</script> great " onmouseover="x </script><img src=x onerror=alert(2)>';
export const XSS_INDEX = 12;

export interface Item {
  source: string;
  location: string;
  rating: number | null;
  published: string;
  tags?: string[];
  label?: string;
  removed?: boolean;
  duplicateOf?: number;
  marketing?: 'candidate' | 'approved' | 'hidden';
  text?: string;
  url?: string;
  author?: string;
  task?: { created: string; due: string; contact?: string };
}

/**
 * A small dataset whose figures are worked out by hand in the analytics test:
 * 10 live mentions (9 rated), 3 negatives, 5 positives, 4 tasks; a removed
 * and a reposted 1-star that must not count.
 */
export const HAND_ITEMS: Item[] = [
  { source: 'maps', location: 'Soho', rating: 1, published: '2026-01-05T09:00:00.000Z', tags: ['staff', 'wait'], label: 'negative', task: { created: '2026-01-05T10:00:00.000Z', due: '2026-01-06T10:00:00.000Z', contact: '2026-01-05T12:00:00.000Z' } },
  { source: 'maps', location: 'Soho', rating: 2, published: '2026-01-06T09:00:00.000Z', tags: ['staff'], label: 'negative', task: { created: '2026-01-06T10:00:00.000Z', due: '2026-01-07T10:00:00.000Z', contact: '2026-01-07T16:00:00.000Z' } },
  { source: 'maps', location: 'Soho', rating: 4, published: '2026-01-06T11:00:00.000Z' },
  { source: 'maps', location: 'Soho', rating: 5, published: '2026-01-07T11:00:00.000Z', marketing: 'candidate' },
  { source: 'maps', location: 'Soho', rating: 5, published: '2026-01-08T11:00:00.000Z', marketing: 'approved', text: 'Lovely place', author: 'Ann' },
  { source: 'store', location: 'Arbat', rating: 1, published: '2026-01-07T08:00:00.000Z', tags: ['price'], label: 'negative', task: { created: '2026-01-07T09:00:00.000Z', due: '2026-01-08T09:00:00.000Z' } },
  { source: 'store', location: 'Arbat', rating: 3, published: '2026-01-07T12:00:00.000Z' },
  { source: 'store', location: 'Arbat', rating: 4, published: '2026-01-08T12:00:00.000Z' },
  { source: 'store', location: 'Arbat', rating: 5, published: '2026-01-09T12:00:00.000Z', marketing: 'hidden' },
  { source: 'store', location: 'Arbat', rating: null, published: '2026-01-08T08:00:00.000Z', tags: ['staff', 'delivery'], label: 'negative', task: { created: '2026-01-08T09:00:00.000Z', due: '2026-01-09T09:00:00.000Z', contact: '2026-01-08T13:00:00.000Z' } },
  { source: 'store', location: 'Arbat', rating: 1, published: '2026-01-09T08:00:00.000Z', removed: true },
  { source: 'store', location: 'Arbat', rating: 1, published: '2026-01-09T09:00:00.000Z', duplicateOf: 6 },
  // Outside January, so the analytics figures stay as worked out; its text is an attack.
  { source: 'maps', location: 'Soho', rating: 5, published: '2025-06-01T10:00:00.000Z', marketing: 'candidate', text: XSS_TEXT, author: '" onmouseover="x', url: 'javascript:alert(1)' },
];

/** Writes the items as the pipeline would have (mention, revision, analysis, flag, task) and returns the task ids by item index. */
export function writeHandDataset(dir: string, items: Item[] = HAND_ITEMS): { file: string; taskIds: Map<number, number>; mentionIds: number[] } {
  const file = dbLocation(dir, 'hand.db');
  const db = openDb(file);
  try {
    db.$client.prepare("insert into targets (id, source, name, health) values ('t-maps', 'maps', 'Maps', 'ok'), ('t-store', 'store', 'Store', 'ok')").run();
    return { file, ...insertItems(db.$client, items) };
  } finally {
    closeDb(db);
  }
}

/** Adds items to an existing database (e.g. attack payloads into the demo one). */
export function insertItems(c: Database.Database, items: Item[]): { taskIds: Map<number, number>; mentionIds: number[] } {
  const taskIds = new Map<number, number>();
  const mentionIds: number[] = [];
  const prefix = Math.random().toString(36).slice(2, 8);
  items.forEach((it, i) => {
    const m = c
      .prepare(
        `insert into mentions (source, external_id, target_id, url, author, rating, text, published_at, location, content_hash, first_seen_at, last_seen_at, removed, marketing, duplicate_of)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      )
      .get(it.source, `${prefix}-${i}`, `t-${it.source}`, it.url ?? `https://example.org/r/${i}`, it.author ?? `author ${i}`, it.rating, it.text ?? `review ${i}`, it.published, it.location, `h${i}`, it.published, it.published, it.removed ? 1 : 0, it.marketing ?? null, it.duplicateOf ?? null);
    const mentionId = (m as { id: number }).id;
    mentionIds.push(mentionId);
    const rev = (c.prepare('insert into mention_revisions (mention_id, revision, content_hash, rating, text, seen_at) values (?, 1, ?, ?, ?, ?) returning id').get(mentionId, `h${i}`, it.rating, it.text ?? `review ${i}`, it.published) as { id: number }).id;
    c.prepare("insert into analyses (mention_id, revision_id, lang, score, label, reasons, tags) values (?, ?, 'en', ?, ?, '[]', ?)").run(mentionId, rev, it.label === 'negative' ? -0.8 : 0.5, it.label ?? 'positive', JSON.stringify(it.tags ?? []));
    if (it.task) {
      const flag = (c.prepare("insert into flags (mention_id, rule_id, revision_id, priority, reason, tags) values (?, 'low-rating', ?, 'high', 'rating low', '[]') returning id").get(mentionId, rev) as { id: number }).id;
      const t = c
        .prepare("insert into tasks (flag_id, mention_id, rule_id, status, priority, due_at, first_contact_at, created_at, updated_at) values (?, ?, 'low-rating', ?, 'high', ?, ?, ?, ?) returning id")
        .get(flag, mentionId, it.task.contact ? 'contacted' : 'open', it.task.due, it.task.contact ?? null, it.task.created, it.task.created);
      taskIds.set(i, (t as { id: number }).id);
    }
  });
  return { taskIds, mentionIds };
}
