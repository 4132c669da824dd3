import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startScheduler } from '../../src/schedule/scheduler.ts';
import { startDemoSite, type DemoSite } from '../../src/demo/site.ts';
import { BIN } from '../helpers/cli.ts';
import { checkDb, dbLocation, useTempDir, writeFile } from '../helpers/temp.ts';

const tempDir = useTempDir();
const sites: DemoSite[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.close()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scheduler', () => {
  it('runs each target on its cron, never two crawls of one target at once, and waits for crawls in flight on stop', async () => {
    const started: string[] = [];
    let finished = 0;
    const scheduler = startScheduler(
      [
        { id: 'slow', cron: '* * * * * *', timezone: 'Europe/Moscow', jitter_seconds: 0 },
        { id: 'fast', cron: '* * * * * *', timezone: 'UTC', jitter_seconds: 0 },
      ],
      async (id, signal) => {
        started.push(id);
        if (id !== 'slow') return;
        // A crawl that outlives every cron tick until the scheduler stops it.
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        finished++;
      },
    );
    await sleep(2600);
    expect(scheduler.running()).toEqual(new Set(['slow']));
    await scheduler.stop();
    expect(started.filter((id) => id === 'slow')).toEqual(['slow']);
    expect(started.filter((id) => id === 'fast').length).toBeGreaterThanOrEqual(2);
    expect(finished).toBe(1);
    expect(scheduler.running().size).toBe(0);
  });
});

describe('repwatch run', () => {
  it('crawls on schedule, delivers, and stops cleanly on SIGTERM', async () => {
    const site = await startDemoSite();
    sites.push(site);
    const dir = tempDir();
    const config = writeFile(
      dir,
      'repwatch.yaml',
      `channels:\n  - { name: log, type: log }\ntargets:\n  - id: shop\n    source: generic-html\n    url: ${site.url}/reviews\n    cron: "*/2 * * * * *"\n    jitter_seconds: 0\n    options:\n      item: article.review\n      fields: { id: "@data-id", text: .text, rating: ".stars@data-rating" }\n      next: a.next@href\n`,
    );
    const db = dbLocation(dir, 'worker.db');
    const child = spawn(process.execPath, [BIN, 'run', '--config', config, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 20_000;
    while (!/shop: ok, 1 pages/.test(out) && Date.now() < deadline) await sleep(200);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(out).toMatch(/watching 1 target/);
    expect(out).toMatch(/shop: ok, 5 pages, 22 items, 22 new/);
    expect(out).toMatch(/shop: ok, 1 pages, 5 items, 0 new/);
    expect(out).toMatch(/\[alert:log\] low-rating generic-html 1★/);
    expect(out).toMatch(/SIGTERM: finishing crawls in flight/);
    expect(code).toBe(0);
    const check = checkDb(db);
    expect(check.prepare("select count(*) from crawl_runs where status = 'running'").pluck().get()).toBe(0);
    expect(check.prepare("select count(*) from outbox where status = 'pending'").pluck().get()).toBe(0);
    check.close();
  });
});
