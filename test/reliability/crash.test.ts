/**
 * Crash safety: the real CLI (`bin/repwatch.mjs crawl`) is killed with SIGKILL
 * at random moments — while it fetches and stores pages, and while it sends
 * alerts to a slow webhook (so kills land between send and acknowledgement) —
 * then restarted, while new reviews keep appearing on the site. Afterwards the
 * database must equal that of one clean, uninterrupted crawl of the final site:
 * every review stored once (one revision, one analysis), every task opened
 * once, every alert delivered once (by Idempotency-Key), resends visible in the
 * sink's raw request count.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReviewSite, type ReviewSite } from '../../bench/lib/review-site.ts';
import { siteConfigText } from '../../bench/lib/site-config.ts';
import { useTempDir } from '../helpers/temp.ts';
import { prng, startCli, startSlowSink, type SlowSink } from './helpers.ts';

const tempDir = useTempDir();
const KILLS = 22;
// A fixed default keeps CI reproducible; set REPWATCH_CRASH_SEED to explore other kill timings.
const SEED = Number(process.env.REPWATCH_CRASH_SEED ?? 14541);

let site: ReviewSite;
beforeAll(async () => {
  site = await startReviewSite({ reviews: 100, pageSize: 5, delayMs: 80 });
});
afterAll(async () => site.close());

function config(dir: string, name: string, sink: SlowSink): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, siteConfigText({ siteUrl: site.url, targets: ['shop'], channels: [{ name: 'ops', type: 'webhook', url: sink.url, timeout_seconds: 5 }], maxRetries: 1 }));
  return file;
}

function snapshot(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      mentions: one('select count(*) from mentions'),
      externalIds: (db.prepare('select external_id from mentions order by external_id').pluck().all() as string[]).join(','),
      revisions: one('select count(*) from mention_revisions'),
      analyses: one('select count(*) from analyses'),
      flags: one('select count(*) from flags'),
      tasks: one('select count(*) from tasks'),
      taskKeys: (db.prepare("select m.external_id || '/' || t.rule_id from tasks t join mentions m on m.id = t.mention_id order by 1").pluck().all() as string[]).join(','),
      outbox: one("select count(*) from outbox where kind = 'mention_flagged'"),
      pending: one("select count(*) from outbox where status <> 'sent'"),
      running: one("select count(*) from crawl_runs where status = 'running'"),
    };
  } finally {
    db.close();
  }
}

/** Where a kill landed, read from what it left behind. */
function phaseOf(dbFile: string): 'before-db' | 'crawl' | 'delivery' | 'done' {
  try {
    const s = snapshot(dbFile);
    if (s.running > 0) return 'crawl';
    return s.pending > 0 ? 'delivery' : 'done';
  } catch {
    return 'before-db';
  }
}

describe('SIGKILL during crawl, storage and alert delivery', () => {
  it(`ends with every review, task and alert exactly once (seed ${SEED})`, async () => {
    const dir = tempDir();
    const sink = await startSlowSink(120);
    const dbFile = join(dir, 'killed.db');
    const cfg = config(dir, 'killed', sink);
    const rand = prng(SEED);
    const phases: Record<string, number> = {};
    try {
      for (let k = 0; k < KILLS; k++) {
        // New reviews keep appearing while the worker crashes and restarts.
        if (k % 2 === 0) site.add(12, 'shop');
        const run = startCli(['crawl', 'shop', '--config', cfg, '--db', dbFile, '--json']);
        // Every third run gets long enough to finish crawling (a killed crawl makes the next one read to the end), so kills also land in delivery.
        const delay = 800 + rand() * (k % 3 === 2 ? 7000 : 2000);
        const finished = await Promise.race([run.exit.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), delay))]);
        if (finished) {
          phases.finished = (phases.finished ?? 0) + 1;
          continue;
        }
        run.child.kill('SIGKILL');
        await run.exit;
        const phase = phaseOf(dbFile);
        phases[phase] = (phases[phase] ?? 0) + 1;
      }
      // Recovery: plain runs until one ends with nothing left to send.
      for (let i = 0; i < 6; i++) {
        const run = startCli(['crawl', 'shop', '--config', cfg, '--db', dbFile, '--json']);
        const { code } = await run.exit;
        expect(code, run.stderr).toBe(0);
        if (snapshot(dbFile).pending === 0) break;
      }
    } finally {
      await sink.close();
    }

    // The oracle: one clean crawl of the final site into a fresh database, to its own sink.
    const cleanSink = await startSlowSink(0);
    const cleanDb = join(dir, 'clean.db');
    try {
      const run = startCli(['crawl', 'shop', '--config', config(dir, 'clean', cleanSink), '--db', cleanDb, '--json']);
      expect((await run.exit).code, run.stderr).toBe(0);
    } finally {
      await cleanSink.close();
    }

    const killed = snapshot(dbFile);
    const clean = snapshot(cleanDb);
    const total = site.total('shop');
    console.info(`crash test seed ${SEED}: ${KILLS} kill attempts, phases ${JSON.stringify(phases)}; ${total} reviews; alerts: ${sink.keys.size} unique of ${sink.requests} requests (${sink.requests - sink.keys.size} resends, ${sink.cut} answers cut by a kill)`);

    expect(phases.crawl ?? 0, 'some kills must land mid-crawl').toBeGreaterThan(0);
    // Kill timing depends on machine load; test/act/crash-delivery.test.ts pins a kill between send and ack deterministically.
    if (!phases.delivery) console.warn(`crash test seed ${SEED}: no kill landed mid-delivery this time`);
    expect(clean.mentions).toBe(total);
    // Nothing twice: what was stored, was stored once, and whatever was queued went out once.
    expect(killed.revisions, 'one revision per stored review').toBe(killed.mentions);
    expect(killed.analyses, 'one analysis per stored review').toBe(killed.mentions);
    expect(killed.pending, 'the outbox drained').toBe(0);
    expect(sink.keys.size, 'every queued alert reached the sink once').toBe(killed.outbox);
    expect(sink.requests).toBeGreaterThanOrEqual(sink.keys.size);
    for (const key of killed.taskKeys.split(',').filter(Boolean)) expect(clean.taskKeys.split(','), `task ${key} not in the clean run`).toContain(key);
    // Nothing lost: the same as one clean crawl.
    expect(
      killed.mentions,
      'reviews lost: after a killed crawl the next one must read past known pages (src/pipeline/run-target.ts previousRunUnfinished)',
    ).toBe(total);
    expect(killed.externalIds).toBe(clean.externalIds);
    expect(killed.revisions).toBe(total);
    expect(killed.analyses).toBe(total);
    expect(killed.flags).toBe(clean.flags);
    expect(killed.tasks).toBe(clean.tasks);
    expect(killed.taskKeys).toBe(clean.taskKeys);
    expect(killed.outbox).toBe(clean.outbox);
    expect(sink.keys.size).toBe(clean.outbox);
    expect(cleanSink.keys.size).toBe(clean.outbox);
  }, 150_000);
});
