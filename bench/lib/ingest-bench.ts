/**
 * ingest: mentions stored per second, one transaction per page of 20, on a real
 * SQLite file (WAL, synchronous=NORMAL, the migrated schema with its indexes),
 * beside raw better-sqlite3 prepared INSERTs of the same rows into the same
 * schema (a mentions row and its first mention_revisions row per item, the
 * values computed before the clock starts).
 *
 * - store only: upsertMention per item (existence check, repost fingerprint
 *   check, insert mention + revision) — no analysis, no rules. This is `ingest_ratio`.
 * - full ingest: ingestPage (store → language → analyze → rules → tasks → outbox),
 *   with the shipped rules and one webhook channel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mention, ParsedMention } from '../../src/crawl/mention.ts';
import { ingestPage } from '../../src/pipeline/ingest.ts';
import { closeDb, openDb } from '../../src/store/db.ts';
import { textFingerprint } from '../../src/store/fingerprint.ts';
import { contentHash, upsertMention } from '../../src/store/mentions.ts';
import { benchDeps, benchRows, pages } from './bench-rows.ts';

export interface IngestBench {
  mentions: number;
  page_size: number;
  store_mps: number;
  raw_mps: number;
  full_ingest_mps: number;
  ingest_ratio: number;
  full_ingest_ratio: number;
}


function timeStore(dir: string, book: ParsedMention[][], round: number): number {
  const db = openDb(join(dir, `store-${round}.db`));
  const seenAt = new Date().toISOString();
  const start = performance.now();
  for (const page of book) {
    db.transaction((tx) => {
      for (const item of page) upsertMention(tx, { ...item, source: 'generic-html', targetId: 'shop' } satisfies Mention, seenAt);
    });
  }
  const seconds = (performance.now() - start) / 1000;
  closeDb(db);
  return seconds;
}

function timeRaw(dir: string, book: ParsedMention[][], round: number): number {
  const db = openDb(join(dir, `raw-${round}.db`));
  const client = db.$client;
  const seenAt = new Date().toISOString();
  const insertMention = client.prepare(
    `insert into mentions (source, external_id, target_id, url, author, rating, title, text, lang, published_at, reply, location, parent_id, content_hash, fingerprint, duplicate_of, first_seen_at, last_seen_at, raw)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRevision = client.prepare('insert into mention_revisions (mention_id, revision, content_hash, rating, title, text, reply, seen_at) values (?, 1, ?, ?, ?, ?, ?, ?)');
  // The same values upsertMention writes, computed before the clock starts: the baseline pays for nothing but the INSERTs.
  const prepared = book.map((page) => page.map((m) => ({ m, hash: contentHash(m), fingerprint: textFingerprint(m.text) })));
  const writePage = client.transaction((page: (typeof prepared)[number]) => {
    for (const { m, hash, fingerprint } of page) {
      const id = insertMention.run('generic-html', m.externalId, 'shop', m.url, m.author, m.rating, m.title, m.text, m.lang, m.publishedAt, m.reply ?? null, m.location ?? null, m.parentId ?? null, hash, fingerprint, null, seenAt, seenAt, null).lastInsertRowid;
      insertRevision.run(id, hash, m.rating, m.title, m.text, m.reply ?? null, seenAt);
    }
  });
  const start = performance.now();
  for (const page of prepared) writePage(page);
  const seconds = (performance.now() - start) / 1000;
  closeDb(db);
  return seconds;
}

function timeFull(dir: string, book: ParsedMention[][], round: number): number {
  const db = openDb(join(dir, `full-${round}.db`));
  const deps = benchDeps(db);

  const start = performance.now();
  for (const page of book) ingestPage(deps, { id: 'shop', source: 'generic-html' }, page);
  const seconds = (performance.now() - start) / 1000;
  closeDb(db);
  return seconds;
}

export function benchIngest(opts: { mentions: number; pageSize: number; rounds: number }): IngestBench {
  const dir = mkdtempSync(join(tmpdir(), 'repwatch-ingest-'));
  try {
    const book = pages(benchRows(opts.mentions), opts.pageSize);
    // Warm-up on a small book so both paths run optimised code.
    const warm = book.slice(0, 50);
    timeRaw(dir, warm, -1);
    timeStore(dir, warm, -1);
    timeFull(dir, warm, -1);
    let raw = Infinity;
    let store = Infinity;
    let full = Infinity;
    for (let round = 0; round < opts.rounds; round++) {
      raw = Math.min(raw, timeRaw(dir, book, round));
      store = Math.min(store, timeStore(dir, book, round));
      full = Math.min(full, timeFull(dir, book, round));
    }
    return {
      mentions: opts.mentions,
      page_size: opts.pageSize,
      store_mps: opts.mentions / store,
      raw_mps: opts.mentions / raw,
      full_ingest_mps: opts.mentions / full,
      ingest_ratio: raw / store,
      full_ingest_ratio: raw / full,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
