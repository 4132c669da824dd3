import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../src/demo/site.ts';
import { BIN, repwatch } from '../helpers/cli.ts';
import { checkDb, dbLocation, useTempDir, writeFile } from '../helpers/temp.ts';

const tempDir = useTempDir();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** A webhook that records each request as it arrives and answers only when told to. */
async function holdingSink() {
  const keys: string[] = [];
  const held: ServerResponse[] = [];
  let hold = true;
  let onRequest: () => void = () => undefined;
  const server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      keys.push(String(req.headers['idempotency-key']));
      onRequest();
      if (hold) held.push(res);
      else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => { for (const r of held) r.destroy(); server.close(() => resolve()); }));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    keys,
    release: () => (hold = false),
    firstRequest: new Promise<void>((resolve) => (onRequest = resolve)),
  };
}

describe('a worker killed between sending an alert and recording it', () => {
  it('sends that alert again after the restart with the same Idempotency-Key, and nothing is lost', async () => {
    const site: DemoSite = await startDemoSite();
    closers.push(() => site.close());
    const sink = await holdingSink();
    const dir = tempDir();
    const db = dbLocation(dir, 'w.db');
    const config = writeFile(
      dir,
      'repwatch.yaml',
      `domain_delay_ms: 0\nchannels:\n  - { name: ops, type: webhook, url: "${sink.url}", timeout_seconds: 30 }\ntargets:\n  - id: shop\n    source: generic-html\n    url: ${site.url}/reviews\n    options:\n      item: article.review\n      fields: { id: "@data-id", text: .text, rating: ".stars@data-rating", author: .author }\n      next: a.next@href\n`,
    );
    const child = spawn(process.execPath, [BIN, 'crawl', 'shop', '--config', config, '--db', db], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('close', (_code, signal) => resolve(signal ? -1 : _code)));
    await sink.firstRequest;
    // The receiver has the alert; the worker has not seen the answer yet.
    child.kill('SIGKILL');
    expect(await exited).toBe(-1);

    const before = checkDb(db);
    const pendingAfterKill = before.prepare("select count(*) from outbox where status = 'pending'").pluck().get() as number;
    const firstKey = sink.keys[0];
    before.close();
    expect(pendingAfterKill).toBeGreaterThan(0);

    sink.release();
    const again = await repwatch(['crawl', 'shop', '--config', config, '--db', db, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const check = checkDb(db);
    const sent = check.prepare("select idempotency_key from outbox where status = 'sent' order by id").pluck().all() as string[];
    expect(check.prepare("select count(*) from outbox where status != 'sent'").pluck().get()).toBe(0);
    // The shipped rules that alert: one alert per such flag, none lost, none doubled in the database.
    expect(check.prepare("select count(*) from flags where rule_id in ('low-rating', 'negative-text')").pluck().get()).toBe(sent.length);
    check.close();
    // Every alert arrived; the one in flight at the kill arrived twice, under one key, for the receiver to drop.
    expect(new Set(sink.keys)).toEqual(new Set(sent));
    expect(sink.keys.filter((k) => k === firstKey)).toHaveLength(2);
    expect(sink.keys).toHaveLength(sent.length + 1);
  });
});
