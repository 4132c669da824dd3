import { hostname } from 'node:os';
/**
 * Several `repwatch run` workers on one PostgreSQL schema (issue #8): real
 * processes, a real review site and alert webhook on 127.0.0.1. They share
 * the crawl queue, one of them runs the schedule, and a worker killed with
 * SIGKILL mid-crawl loses nothing: its jobs time out and the others redo them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeReview, reviewHtml } from '../../bench/lib/review-site.ts';
import { siteConfigText } from '../../bench/lib/site-config.ts';
import { startWorker, stopAll, waitFor, type WorkerProcess } from '../../bench/lib/worker-fleet.ts';
import { repwatch } from '../helpers/cli.ts';
import { dropSchema, pgLocation, pgQuery, pgSkipReason } from '../helpers/postgres.ts';

if (pgSkipReason) process.stderr.write(`test/pg/workers.test.ts skipped: ${pgSkipReason}\n`);

const TARGETS = Array.from({ length: 14 }, (_, i) => `shop-${String(i + 1).padStart(2, '0')}`);
const REVIEWS = 25;
const PAGE_SIZE = 10;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface PageHit {
  target: string;
  page: number;
  agent: string;
}

/** TARGETS × REVIEWS reviews, newest first, PAGE_SIZE a page; `onPage` sees each request before it is answered. */
async function startSite(delayMs: number, onPage: (hit: PageHit) => void = () => undefined) {
  const hits: PageHit[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/t\/([\w.-]+)\/reviews$/.exec(url.pathname);
    if (!m) return void res.writeHead(404).end();
    const hit = { target: m[1] as string, page: Number(url.searchParams.get('page') ?? '1'), agent: String(req.headers['user-agent']) };
    hits.push(hit);
    onPage(hit);
    const newest = REVIEWS - (hit.page - 1) * PAGE_SIZE;
    const items: string[] = [];
    for (let n = newest; n > Math.max(0, newest - PAGE_SIZE); n--) items.push(reviewHtml(makeReview(hit.target, n)));
    const next = newest - PAGE_SIZE > 0 ? `<a class="next" href="/t/${hit.target}/reviews?page=${hit.page + 1}">Older</a>` : '';
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${items.join('\n')}<nav>${next}</nav></body></html>`), delayMs);
  });
  return { url: await listen(server), hits };
}

/** The alert webhook: records each Idempotency-Key as it arrives, answers 200. */
async function startSink() {
  const keys: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      keys.push(String(req.headers['idempotency-key']));
      res.writeHead(200).end('ok');
    });
  });
  return { url: `${await listen(server)}/hook`, keys };
}

/** One config per worker, identical but for the user agent: the site can tell which worker fetches a page. */
function writeConfigs(siteUrl: string, sinkUrl: string, workers: number, queue: Record<string, number>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'repwatch-fleet-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const base = JSON.parse(siteConfigText({ siteUrl, targets: TARGETS, concurrency: 2, timeoutSecs: 20 })) as Record<string, unknown>;
  return Array.from({ length: workers }, (_, i) => {
    const file = join(dir, `w${i}.yaml`);
    writeFileSync(file, JSON.stringify({ ...base, user_agent: `repwatch-fleet-w${i}`, channels: [{ name: 'ops', type: 'webhook', url: sinkUrl, timeout_seconds: 5 }], queue }));
    return file;
  });
}

async function startFleet(configs: string[], database: string): Promise<WorkerProcess[]> {
  const workers = configs.map((c) => startWorker(c, database));
  cleanup.push(async () => void (await stopAll(workers, 5_000)));
  await Promise.all(workers.map((w) => w.ready));
  return workers;
}

function freshSchema(): string {
  const location = pgLocation();
  cleanup.push(() => dropSchema(location));
  return location;
}

const count = async (db: string, sql: string) => Number((await pgQuery<{ n: number }>(db, sql))[0]?.n);

/** Every target has a finished ok run and nothing is left running or undelivered: the fleet is idle. */
async function settled(db: string, sinkKeys: readonly string[]): Promise<boolean> {
  const crawled = await count(db, "select count(distinct target_id) as n from crawl_runs where status = 'ok'");
  if (crawled < TARGETS.length) return false;
  if ((await count(db, "select count(*) as n from crawl_runs where status = 'running'")) > 0) return false;
  const keys = (await pgQuery<{ k: string }>(db, "select idempotency_key as k from outbox where status = 'sent'")).map((r) => r.k);
  const unsent = await count(db, "select count(*) as n from outbox where status <> 'sent'");
  return unsent === 0 && keys.length > 0 && keys.every((k) => sinkKeys.includes(k));
}

/** What must hold however the crawls were shared out: every item once, one task per flag, one alert per key. */
async function expectConsistent(db: string, sinkKeys: readonly string[]): Promise<void> {
  const ids = (await pgQuery<{ id: string }>(db, 'select external_id as id from mentions')).map((r) => r.id).sort();
  expect(ids).toEqual(TARGETS.flatMap((t) => Array.from({ length: REVIEWS }, (_, n) => `${t}-r${n + 1}`)).sort());
  expect(await count(db, 'select count(distinct (source, external_id)) as n from mentions')).toBe(ids.length);

  const lowRated = TARGETS.flatMap((t) => Array.from({ length: REVIEWS }, (_, n) => makeReview(t, n + 1))).filter((r) => r.rating <= 2).length;
  expect(lowRated).toBeGreaterThan(10);
  expect(await count(db, "select count(*) as n from tasks where rule_id = 'low-rating'")).toBe(lowRated);
  const taskFlags = await count(db, "select count(*) as n from flags where rule_id in ('low-rating', 'negative-text', 'complaint-under-high-rating')");
  expect(await count(db, 'select count(*) as n from tasks')).toBe(taskFlags);
  expect(await count(db, 'select count(distinct flag_id) as n from tasks')).toBe(taskFlags);

  const alerts = await pgQuery<{ k: string; kind: string }>(db, 'select idempotency_key as k, kind from outbox');
  expect(new Set(alerts.map((a) => a.k)).size).toBe(alerts.length);
  expect(alerts.filter((a) => a.kind === 'mention_flagged')).toHaveLength(await count(db, "select count(*) as n from flags where rule_id in ('low-rating', 'negative-text')"));
  expect(new Set(sinkKeys)).toEqual(new Set(alerts.map((a) => a.k)));
}

describe.skipIf(pgSkipReason !== null)('three workers on one PostgreSQL schema', () => {
  it('share the targets out: each crawled once, every item, task and alert exactly once; SIGTERM stops them cleanly', async () => {
    const db = freshSchema();
    const site = await startSite(40);
    const sink = await startSink();
    const configs = writeConfigs(site.url, sink.url, 3, { poll_seconds: 0.5, maintenance_seconds: 5, scheduler_check_seconds: 1, delivery_lease_seconds: 30 });
    const workers = await startFleet(configs, db);

    const queued = await repwatch(['enqueue', '--all', '--config', configs[0] as string], { env: { REPWATCH_DATABASE_URL: db } });
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.stdout.trim().split('\n')).toEqual(TARGETS.map((t) => `queued  ${t}`));

    await waitFor('every target crawled and every alert delivered', () => settled(db, sink.keys), 60_000);
    await expectConsistent(db, sink.keys);
    // Nobody crashed: no alert went out twice, and no target was crawled twice (its first page asked for once).
    expect(sink.keys.length).toBe(new Set(sink.keys).size);
    for (const t of TARGETS) expect(site.hits.filter((h) => h.target === t && h.page === 1)).toHaveLength(1);
    // The work was shared, and one worker ran the schedule while the others stood by.
    expect(new Set(site.hits.map((h) => h.agent)).size).toBeGreaterThan(1);
    expect(workers.filter((w) => /scheduler: worker \d+ runs the schedule/.test(w.log()))).toHaveLength(1);
    expect(workers.filter((w) => /stands by/.test(w.log()))).toHaveLength(2);

    expect(await stopAll(workers, 20_000)).toEqual([0, 0, 0]);
    expect(await count(db, "select count(*) as n from crawl_runs where status <> 'ok'")).toBe(0);
    // Each run names the process that crawled it, one of the three.
    const names = (await pgQuery<{ worker: string }>(db, 'select distinct worker from crawl_runs')).map((r) => r.worker);
    expect(names.length).toBeGreaterThan(1);
    for (const n of names) expect(workers.map((w) => `${hostname()}:${w.pid}`)).toContain(n);
  }, 120_000);

  it('redoes the jobs of a worker killed with SIGKILL mid-crawl: every target crawled, nothing doubled, a resent alert keeps its key', async () => {
    const db = freshSchema();
    const sink = await startSink();
    let victim: WorkerProcess | undefined;
    let workers: WorkerProcess[] = [];
    let killedAt: PageHit | undefined;
    // The first worker to ask for a second page dies before it gets the answer: killed in the middle of a crawl.
    const site = await startSite(150, (hit) => {
      if (killedAt || hit.page !== 2) return;
      victim = workers[Number(hit.agent.replace('repwatch-fleet-w', ''))];
      killedAt = hit;
      victim?.child.kill('SIGKILL');
    });
    const configs = writeConfigs(site.url, sink.url, 3, {
      job_timeout_seconds: 6,
      retry_delay_seconds: 0,
      poll_seconds: 0.5,
      maintenance_seconds: 1,
      scheduler_check_seconds: 1,
      delivery_lease_seconds: 5,
      stop_grace_seconds: 2,
    });
    workers = await startFleet(configs, db);
    const wasScheduler = (w: WorkerProcess) => /scheduler: worker \d+ runs the schedule/.test(w.log());
    await waitFor('a worker to run the schedule', () => workers.some(wasScheduler), 10_000);

    const queued = await repwatch(['enqueue', '--all', '--config', configs[0] as string], { env: { REPWATCH_DATABASE_URL: db } });
    expect(queued.code, queued.stderr).toBe(0);
    await waitFor('the kill', () => killedAt, 30_000);
    expect(await victim?.exited).toBe('SIGKILL');

    await waitFor('every target crawled by the survivors and every alert delivered', () => settled(db, sink.keys), 90_000);
    await expectConsistent(db, sink.keys);
    // The target the victim was reading was finished by another worker, after the run it left behind was closed.
    const runs = await pgQuery<{ status: string }>(db, 'select status from crawl_runs where target_id = $1 order by id', [killedAt?.target]);
    expect(runs.map((r) => r.status)).toEqual(['interrupted', 'ok']);
    // An alert the victim was sending may arrive twice; then with its one key, which the receiver drops.
    expect(sink.keys.length).toBeGreaterThanOrEqual(new Set(sink.keys).size);

    const survivors = workers.filter((w) => w !== victim);
    // If the victim ran the schedule, a survivor took it over.
    await waitFor('a survivor running the schedule', () => survivors.some(wasScheduler), 10_000);
    expect(await stopAll(survivors, 20_000)).toEqual([0, 0]);
  }, 150_000);
});
