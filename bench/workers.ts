/**
 * Several workers on PostgreSQL (issue #8): targets crawled per minute by 1, 2
 * and 3 `repwatch run` processes sharing one schema and the crawl queue,
 * beside the single SQLite worker, on the same local review site (its own
 * process) and the same targets, each from an empty database.
 *
 *   node --import tsx bench/workers.ts [--targets N] [--reviews N]
 *
 * Each side is timed from "the workers are up and the targets are due" to
 * "every target has a finished first crawl". SQLite: the targets' cron fires
 * every second and the scheduler crawls every due target at once.
 * PostgreSQL: `repwatch enqueue --all`, then each worker takes `concurrency`
 * jobs at a time. The machine's core count bounds what more processes can add.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { withDefaultUser } from '../src/store/pg/url.ts';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { BENCH_PG_URL as PG_URL } from './lib/pg-reachable.ts';
import { siteConfigText, spawnReviewSite } from './lib/site-config.ts';
import { startWorker, stopAll, waitFor, type WorkerProcess } from './lib/worker-fleet.ts';

export interface WorkersBench {
  targets: number;
  pages_per_target: number;
  concurrency_per_worker: number;
  cores: number;
  sqlite_1_targets_per_min: number;
  pg_1_targets_per_min: number;
  pg_2_targets_per_min: number;
  pg_3_targets_per_min: number;
  /** pg_3 / pg_1: what the second and third worker add. */
  pg_scaling_3_over_1: number;
  seconds: Record<string, number>;
}

const BIN = fileURLToPath(new URL('../bin/repwatch.mjs', import.meta.url));
const run = promisify(execFile);

function pgClient(): pg.Client {
  return new pg.Client({ connectionString: withDefaultUser(PG_URL) });
}

/** Finished first crawls so far, however the database is reached. */
type Progress = () => Promise<number>;

async function timeFleet(configs: string[], database: string, progress: Progress, targets: number, start: (workers: WorkerProcess[]) => Promise<void>): Promise<number> {
  const workers = configs.map((c) => startWorker(c, database));
  try {
    await Promise.all(workers.map((w) => w.ready));
    const t0 = performance.now();
    await start(workers);
    await waitFor(`${targets} targets crawled`, async () => (await progress()) >= targets, 20 * 60_000, 100);
    return (performance.now() - t0) / 1000;
  } finally {
    await stopAll(workers, 30_000);
  }
}

export async function benchWorkers(opts: { targets: number; reviews: number; pageSize: number; concurrency: number; log?: (line: string) => void }): Promise<WorkersBench> {
  const log = opts.log ?? (() => undefined);
  const site = await spawnReviewSite(opts.reviews, opts.pageSize);
  const dir = mkdtempSync(join(tmpdir(), 'repwatch-workers-'));
  const ids = Array.from({ length: opts.targets }, (_, i) => `w${i + 1}`);
  const seconds: Record<string, number> = {};
  const admin = pgClient();
  await admin.connect();
  const schemas: string[] = [];
  try {
    // SQLite: one worker, the targets' cron every second.
    const sqliteConfig = join(dir, 'sqlite.yaml');
    const text = JSON.parse(siteConfigText({ siteUrl: site.url, targets: ids, concurrency: opts.concurrency })) as { targets: { cron: string }[] };
    for (const t of text.targets) t.cron = '* * * * * *';
    writeFileSync(sqliteConfig, JSON.stringify(text));
    const file = join(dir, 'sqlite.db');
    const sqliteDone: Progress = async () => {
      try {
        const db = new Database(file, { readonly: true, fileMustExist: true });
        try {
          return Number(db.prepare('select count(distinct target_id) from crawl_runs where finished_at is not null').pluck().get());
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };
    log('workers: SQLite, 1 worker…');
    seconds.sqlite_1 = await timeFleet([sqliteConfig], file, sqliteDone, ids.length, async () => undefined);

    // PostgreSQL: 1, 2, 3 workers on a fresh schema each, the queue filled by `repwatch enqueue --all`.
    const pgConfig = join(dir, 'pg.yaml');
    writeFileSync(pgConfig, JSON.stringify({ ...JSON.parse(siteConfigText({ siteUrl: site.url, targets: ids, concurrency: opts.concurrency })), queue: { poll_seconds: 0.5 } }));
    for (const n of [1, 2, 3]) {
      const schema = `rwbench_workers_${Date.now().toString(36)}_${n}`;
      schemas.push(schema);
      const u = new URL(PG_URL);
      u.searchParams.set('schema', schema);
      const location = u.toString();
      const done: Progress = async () => {
        const r = await admin.query<{ n: string }>(`select count(distinct target_id) as n from "${schema}".crawl_runs where finished_at is not null`).catch(() => null);
        return Number(r?.rows[0]?.n ?? 0);
      };
      log(`workers: PostgreSQL, ${n} worker(s)…`);
      seconds[`pg_${n}`] = await timeFleet(Array(n).fill(pgConfig) as string[], location, done, ids.length, async () => {
        await run(process.execPath, [BIN, 'enqueue', '--all', '--config', pgConfig], { env: { ...process.env, REPWATCH_DATABASE_URL: location } });
      });
    }
  } finally {
    for (const s of schemas) {
      await admin.query(`drop schema if exists "${s}" cascade`).catch(() => undefined);
      await admin.query(`drop schema if exists "${s}_boss" cascade`).catch(() => undefined);
    }
    await admin.end();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const perMin = (s: number | undefined) => (s ? (opts.targets / s) * 60 : 0);
  return {
    targets: opts.targets,
    pages_per_target: Math.ceil(opts.reviews / opts.pageSize),
    concurrency_per_worker: opts.concurrency,
    cores: availableParallelism(),
    sqlite_1_targets_per_min: perMin(seconds.sqlite_1),
    pg_1_targets_per_min: perMin(seconds.pg_1),
    pg_2_targets_per_min: perMin(seconds.pg_2),
    pg_3_targets_per_min: perMin(seconds.pg_3),
    pg_scaling_3_over_1: perMin(seconds.pg_3) / (perMin(seconds.pg_1) || 1),
    seconds,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const r = await benchWorkers({ targets: arg('--targets', 24), reviews: arg('--reviews', 200), pageSize: 20, concurrency: arg('--concurrency', 2), log: (l) => process.stderr.write(`${l}\n`) });
  console.log(`${r.targets} targets × ${r.pages_per_target} pages, ${r.cores} cores, concurrency ${r.concurrency_per_worker} per worker`);
  console.log(`SQLite, 1 worker      ${r.sqlite_1_targets_per_min.toFixed(1)} targets/min`);
  for (const n of [1, 2, 3] as const) console.log(`PostgreSQL, ${n} worker(s) ${r[`pg_${n}_targets_per_min`].toFixed(1)} targets/min`);
  console.log(JSON.stringify(r));
}
