/**
 * The same pages ingested on SQLite and on PostgreSQL write the same rows.
 * PostgreSQL runs the ingest hot path as merged statements (data-modifying
 * CTEs, src/act/pg-statements.ts and src/store/mentions.ts) where SQLite runs
 * one statement per row; this pins that both write identical mentions,
 * revisions, analyses, tags, flags, tasks, task events and outbox rows (and
 * the dashboard rollups their triggers keep), ids included, across new items, reposts, edits (flags that already exist, so no
 * second task), unchanged sightings, customers (VIP bump, repeat negatives),
 * a round-robin team, several channels (one a digest) and rules of every shape
 * (tags only, marketing, flag only, alert without a task, task without an alert).
 */
import { fileURLToPath } from 'node:url';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCustomersCsv } from '../../src/act/customers.ts';
import { loadTemplates } from '../../src/act/templates.ts';
import { createAnalyzer } from '../../src/analyze/index.ts';
import type { ParsedMention } from '../../src/crawl/mention.ts';
import { addCounts, emptyCounts, ingestPage, type IngestCounts, type PipelineDeps } from '../../src/pipeline/ingest.ts';
import { loadRules } from '../../src/rules/load.ts';
import { closeDb, openDb, type Db } from '../../src/store/db.ts';
import { benchRows, pages } from '../../bench/lib/bench-rows.ts';
import { dropSchema, pgLocation, pgSkipReason } from '../helpers/postgres.ts';
import { useTempDir, writeFile } from '../helpers/temp.ts';

if (pgSkipReason) process.stderr.write(`test/pg/ingest-parity.test.ts skipped: ${pgSkipReason}\n`);

const tempDir = useTempDir();
const open: Db[] = [];
const schemas: string[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) closeDb(db);
  await Promise.all(schemas.splice(0).map((l) => dropSchema(l)));
});

const shippedRules = fileURLToPath(new URL('../../rules', import.meta.url));
const templates = fileURLToPath(new URL('../../templates/replies.yaml', import.meta.url));

/** Rule shapes the shipped rules do not have, beside them. */
const EXTRA_RULES = `
rules:
  - id: one-star-alert
    when: { rating: { lte: 1 } }
    then: { priority: urgent, tags: [one-star, one-star, escalate], alert: [ops] }
  - id: negative-flag-only
    when: { sentiment: { label: negative } }
    then: { flag: true, priority: low }
  - id: five-stars
    when: { rating: { gte: 5 } }
    then: { tags: [five] }
`;

const T0 = Date.parse('2026-03-02T09:00:00.000Z');

function scenario(): { pages: ParsedMention[][]; customersCsv: string } {
  const rows = benchRows(240);
  const book = pages(rows, 20);
  const by = (i: number) => rows[i]!;
  // The same author again (and again) with other texts: earlier negatives count for churn risk.
  const repeat = (id: string, author: string | null, rating: number, text: string): ParsedMention => ({ externalId: id, url: null, author, rating, title: null, text, lang: 'en', publishedAt: '2026-02-01T10:00:00.000Z', location: 'Main street' });
  book.push([
    repeat('rep-1', 'Repeat Author', 1, 'terrible service, rude staff, cold food and a very long wait for nothing'),
    repeat('rep-2', 'Repeat Author', 2, 'again awful: the order was wrong and nobody answered the phone at all today'),
    repeat('rep-3', 'Repeat Author', 1, 'third time bad, broken cups, overpriced coffee, never coming back here'),
    repeat('anon-1', null, 1, 'awful awful awful, the worst place in the whole city, rude and slow'),
    repeat('short-1', 'Shorty', 1, 'bad'),
    repeat('vip-1', 'Victor Important', 1, 'the manager was rude and my card was charged twice, terrible'),
    repeat('vip-2', 'Victor Important', 2, 'still no refund after a week, awful support and slow answers'),
    repeat('hdl-1', 'handle-person', 1, 'scam: charged for a meal that never came, terrible experience'),
  ]);
  // Reposts: new ids, the text of stored items.
  book.push(rows.slice(0, 12).map((r, i) => ({ ...r, externalId: `repost-${i}`, text: `RT @someone: ${r.text} https://t.co/x${i}` })));
  // Edits: worse ratings and new texts for some (existing flags conflict, new rules flag), the rest unchanged.
  book.push(rows.slice(20, 40).map((r, i) => (i % 2 === 0 ? { ...r, rating: 1, text: `${r.text} — update: terrible, rude, awful` } : r)));
  // The first page seen again, unchanged.
  book.push(book[0]!);
  const customersCsv = [
    'name,location,lifetime_value,handles',
    `Victor Important,Main street,5000,`,
    `Someone Else,Main street,10,generic-html:handle-person`,
    `${by(3).author},Main street,20,`,
    `${by(7).author},,2000,`,
  ].join('\n');
  return { pages: book, customersCsv };
}

function ingestAll(db: Db, dir: string): IngestCounts {
  const rulesDir = join(dir, 'rules');
  cpSync(shippedRules, rulesDir, { recursive: true });
  writeFile(rulesDir, 'extra.yaml', EXTRA_RULES);
  const { pages: book, customersCsv } = scenario();
  const imported = importCustomersCsv(db, customersCsv);
  expect(imported.errors).toEqual([]);
  let page = 0;
  const deps: PipelineDeps = {
    db,
    analyzer: createAnalyzer(),
    rules: loadRules(rulesDir, { channels: new Set(['ops', 'daily']) }),
    channels: [
      { name: 'ops', digest: 'off', instant: [] },
      { name: 'daily', digest: 'daily', instant: ['urgent'] },
    ],
    followUp: {
      team: { members: ['ann', 'bob', 'cat'].map((name) => ({ name, locations: [], sources: [] })), assign: 'round_robin', known_customer_one_star_sla_hours: 4, vip_lifetime_value: 1000 },
      templates: loadTemplates(templates),
    },
    now: () => new Date(T0 + page * 60_000),
  };
  const counts = emptyCounts();
  for (const items of book) {
    addCounts(counts, ingestPage(deps, { id: 'shop', source: 'generic-html' }, items));
    page++;
  }
  return counts;
}

const TABLES: Record<string, { order: string; ignore?: string[] }> = {
  mentions: { order: 'id' },
  mention_revisions: { order: 'id' },
  analyses: { order: 'id' },
  mention_tags: { order: 'mention_id, tag' },
  // created_at is the database's default (its clock), not a value the code writes.
  flags: { order: 'id', ignore: ['created_at'] },
  tasks: { order: 'id' },
  task_events: { order: 'id' },
  outbox: { order: 'id' },
  // The dashboard rollups the triggers keep: they fire on the merged statements too.
  mention_daily: { order: 'day, week, source, location, located' },
  negative_tag_state: { order: 'mention_id' },
  negative_tag_daily: { order: 'day, eff_day, week, source, tag' },
};

function dump(db: Db): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [table, { order, ignore = [] }] of Object.entries(TABLES)) {
    const rows = db.$client.prepare(`select * from ${table} order by ${order}`).all() as Record<string, unknown>[];
    out[table] = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !ignore.includes(k)).sort(([a], [b]) => a.localeCompare(b))));
  }
  return out;
}

describe.skipIf(pgSkipReason !== null)('ingest on SQLite and PostgreSQL', () => {
  it('writes the same rows on both engines', () => {
    const sqlite = openDb(join(tempDir(), 'parity.db'));
    open.push(sqlite);
    const location = pgLocation();
    schemas.push(location);
    const pg = openDb(location);
    open.push(pg);

    const onSqlite = ingestAll(sqlite, tempDir());
    const onPg = ingestAll(pg, tempDir());
    expect(onPg).toEqual(onSqlite);
    // The scenario reaches every path it is meant to.
    expect(onSqlite.changed).toBe(10);
    expect(onSqlite.reposts).toBeGreaterThan(5);
    expect(onSqlite.tasksOpened).toBeGreaterThan(50);

    const a = dump(sqlite);
    const b = dump(pg);
    for (const table of Object.keys(TABLES)) {
      expect(b[table]?.length, table).toBe(a[table]?.length);
      expect(b[table], table).toEqual(a[table]);
    }
    const tasks = a.tasks ?? [];
    expect(new Set(tasks.map((t) => t.churn_risk)).size).toBeGreaterThan(3);
    expect(tasks.some((t) => t.customer_id !== null)).toBe(true);
    expect(new Set(tasks.map((t) => t.assignee))).toEqual(new Set(['ann', 'bob', 'cat']));
    expect((a.outbox ?? []).some((o) => o.digest === 1)).toBe(true);
  });
});
