/**
 * pg-ingest: the full ingest (ingestPage: store → analyze → rules → act, the
 * shipped rules, one webhook channel, pages of 20) of the same bench mentions
 * into a temporary SQLite file and into a fresh PostgreSQL schema, each from
 * an empty database: mentions per second, and statements per mention — the
 * figure that bounds PostgreSQL, where every statement is a round trip.
 *
 * Statements are counted by wrapping PgDatabase.prototype.run (every prepared
 * statement and drizzle query goes through it; begin/commit do not) and, on
 * SQLite, better-sqlite3's Statement run/get/all/iterate — in a counting pass
 * of its own, so the wrapper never slows the timed pass.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { ParsedMention } from '../../src/crawl/mention.ts';
import { emptyCounts, addCounts, ingestPage, type IngestCounts } from '../../src/pipeline/ingest.ts';
import { closeDb, openDb, type Db } from '../../src/store/db.ts';
import { PgDatabase } from '../../src/store/pg/database.ts';
import { parsePgLocation } from '../../src/store/pg/url.ts';
import { benchDeps, benchRows, pages } from './bench-rows.ts';

export interface EngineFigures {
  mentions_per_s: number;
  statements_per_mention: number;
  seconds: number;
  counts: IngestCounts;
}

export interface PgIngestBench {
  mentions: number;
  page_size: number;
  sqlite: EngineFigures;
  postgres: EngineFigures;
  /** Statement text (its start) → calls and total ms, PostgreSQL pass (when asked for; timing them costs a little). */
  pg_statements?: Record<string, { n: number; ms: number }>;
}



/** ingestPage over every page, as a crawl of target "shop" would; `now` fixed so runs compare. */
export function ingestBook(db: Db, book: readonly ParsedMention[][], now: () => Date = () => new Date()): IngestCounts {
  const deps = benchDeps(db, now);

  const counts = emptyCounts();
  for (const page of book) addCounts(counts, ingestPage(deps, { id: 'shop', source: 'generic-html' }, page));
  return counts;
}

type Counter = { n: number; bySql: Map<string, { n: number; ms: number }> | null };

/** Counts PgDatabase statements while `fn` runs; the wrapper is removed afterwards. */
function countPg<T>(counter: Counter, fn: () => T): T {
  const proto = PgDatabase.prototype;
  const original = proto.run;
  proto.run = function (this: PgDatabase, ...args: Parameters<typeof original>) {
    counter.n++;
    if (!counter.bySql) return original.apply(this, args);
    const flat = args[1].replace(/\s+/g, ' ');
    const key = flat.length > 130 ? `${flat.slice(0, 70)} … ${flat.slice(-55)}` : flat;
    const seen = counter.bySql.get(key) ?? { n: 0, ms: 0 };
    counter.bySql.set(key, seen);
    const start = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      seen.n++;
      seen.ms += performance.now() - start;
    }
  };
  try {
    return fn();
  } finally {
    proto.run = original;
  }
}

type StatementMethod = 'run' | 'get' | 'all' | 'iterate';

/** Counts better-sqlite3 statement executions on `client` while `fn` runs. */
function countSqlite<T>(client: Database.Database, counter: Counter, fn: () => T): T {
  const proto = Object.getPrototypeOf(client.prepare('select 1')) as Record<StatementMethod, (...a: unknown[]) => unknown>;
  const originals = (['run', 'get', 'all', 'iterate'] as const).map((m) => [m, proto[m]] as const);
  for (const [m, original] of originals) {
    proto[m] = function (this: Database.Statement, ...a: unknown[]) {
      counter.n++;
      return original.apply(this, a);
    };
  }
  try {
    return fn();
  } finally {
    for (const [m, original] of originals) proto[m] = original;
  }
}

function figures(mentions: number, seconds: number, statements: number, counts: IngestCounts): EngineFigures {
  return { mentions_per_s: Math.round(mentions / seconds), statements_per_mention: Math.round((statements / mentions) * 100) / 100, seconds: Math.round(seconds * 100) / 100, counts };
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const out = fn();
  return [out, (performance.now() - start) / 1000];
}

function benchSqlite(dir: string, book: ParsedMention[][], mentions: number): EngineFigures {
  // Warm-up, then the counting pass, then the timed pass: each into an empty file.
  const warm = openDb(join(dir, 'warm.db'));
  ingestBook(warm, book.slice(0, 20));
  closeDb(warm);
  const counted = openDb(join(dir, 'counted.db'));
  const counter: Counter = { n: 0, bySql: null };
  countSqlite(counted.$client, counter, () => ingestBook(counted, book));
  closeDb(counted);
  const db = openDb(join(dir, 'timed.db'));
  const [counts, seconds] = timed(() => ingestBook(db, book));
  closeDb(db);
  return figures(mentions, seconds, counter.n, counts);
}

function pgSchemaUrl(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set('schema', schema);
  return u.toString();
}

function dropPgSchema(base: string, schema: string): void {
  const where = parsePgLocation(base);
  const admin = new PgDatabase({ url: where.url, searchPath: undefined, displayName: where.display });
  try {
    admin.exec(`drop schema if exists "${schema}" cascade`);
  } finally {
    admin.close();
  }
}

function benchPostgres(pgUrl: string, book: ParsedMention[][], mentions: number, bySql: Counter['bySql']): EngineFigures {
  const stamp = `rw_bench_pgingest_${Date.now().toString(36)}`;
  const schemas = [`${stamp}_warm`, stamp];
  try {
    // A short warm-up in a schema of its own (JIT, the worker thread, named statements), then the counted, timed pass.
    const warm = openDb(pgSchemaUrl(pgUrl, schemas[0]!));
    ingestBook(warm, book.slice(0, 10));
    closeDb(warm);
    const db = openDb(pgSchemaUrl(pgUrl, schemas[1]!));
    const counter: Counter = { n: 0, bySql };
    // The wrapper adds a counter increment per round trip of ~0.2 ms: well under the noise.
    const [counts, seconds] = countPg(counter, () => timed(() => ingestBook(db, book)));
    closeDb(db);
    return figures(mentions, seconds, counter.n, counts);
  } finally {
    for (const s of schemas) dropPgSchema(pgUrl, s);
  }
}

export function benchPgIngest(opts: { mentions: number; pageSize: number; pgUrl: string; statements?: boolean }): PgIngestBench {
  const book = pages(benchRows(opts.mentions), opts.pageSize);
  const dir = mkdtempSync(join(tmpdir(), 'repwatch-pg-ingest-'));
  try {
    const sqlite = benchSqlite(dir, book, opts.mentions);
    const bySql: Counter['bySql'] = opts.statements ? new Map() : null;
    const postgres = benchPostgres(opts.pgUrl, book, opts.mentions, bySql);
    const out: PgIngestBench = { mentions: opts.mentions, page_size: opts.pageSize, sqlite, postgres };
    if (bySql) out.pg_statements = Object.fromEntries([...bySql].sort((a, b) => b[1].n - a[1].n).map(([sql, f]) => [sql, { n: f.n, ms: Math.round(f.ms) }]));
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
