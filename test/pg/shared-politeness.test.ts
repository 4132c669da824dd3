import { afterEach, describe, expect, it } from 'vitest';
import { createSharedDomainLimiter } from '../../src/crawl/shared-politeness.ts';
import { closeDb, openDb, type Db } from '../../src/store/db.ts';
import { dropSchema, pgLocation, pgSkipReason } from '../helpers/postgres.ts';

describe.skipIf(pgSkipReason !== null)('per-host politeness shared by the workers of one PostgreSQL database', () => {
  const open: Db[] = [];
  const locations: string[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) closeDb(db);
    for (const l of locations.splice(0)) await dropSchema(l);
  });
  const twoWorkers = () => {
    const location = pgLocation();
    locations.push(location);
    const a = openDb(location);
    const b = openDb(location);
    open.push(a, b);
    return [a, b] as const;
  };

  it('spaces requests to one host by the gap, whichever worker sends them', async () => {
    const [a, b] = twoWorkers();
    const gap = 150;
    const one = createSharedDomainLimiter(a.$client, { delayMs: gap });
    const two = createSharedDomainLimiter(b.$client, { delayMs: gap, perHost: { 'other.example': 0 } });
    const started: number[] = [];
    const request = async (limiter: typeof one, url: string) => {
      await limiter.wait(url);
      started.push(performance.now());
    };
    const t0 = performance.now();
    await Promise.all([1, 2, 3].flatMap(() => [request(one, 'https://shop.example/p'), request(two, 'https://shop.example/q')]));
    started.sort((x, y) => x - y);
    // Six requests to one host from two workers: five gaps between them (a little slack for timers).
    for (let i = 1; i < started.length; i++) expect(started[i]! - started[i - 1]!).toBeGreaterThanOrEqual(gap - 15);
    expect(started[started.length - 1]! - t0).toBeGreaterThanOrEqual(5 * gap - 15);
    // Another host has its own slots.
    const before = performance.now();
    await two.wait('https://other.example/x');
    await two.wait('https://other.example/y');
    expect(performance.now() - before).toBeLessThan(gap);
  });

  it('a Retry-After pause one worker heard holds the others back too', async () => {
    const [a, b] = twoWorkers();
    const one = createSharedDomainLimiter(a.$client, { delayMs: 0 });
    const two = createSharedDomainLimiter(b.$client, { delayMs: 0 });
    one.pause('https://shop.example/p', 400);
    const t0 = performance.now();
    await two.wait('https://shop.example/q');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(370);
  });
});
