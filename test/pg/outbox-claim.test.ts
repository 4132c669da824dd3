/**
 * Claiming due outbox rows across workers on PostgreSQL: one statement takes
 * rows and pushes them past a lease (`for update skip locked`), so two
 * connections never get the same row, and a row whose lease ran out (its
 * worker died before recording the answer) is taken again.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { claimDue } from '../../src/act/deliver.ts';
import { closeDb, openDb, type Db } from '../../src/store/db.ts';
import { outbox } from '../../src/store/schema.ts';
import { dropSchema, pgLocation, pgSkipReason } from '../helpers/postgres.ts';

if (pgSkipReason) process.stderr.write(`test/pg/outbox-claim.test.ts skipped: ${pgSkipReason}\n`);

const T0 = new Date('2026-11-23T12:00:00.000Z');
const open: Db[] = [];
const schemas: string[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) closeDb(db);
  await Promise.all(schemas.splice(0).map((l) => dropSchema(l)));
});

function freshDb(): { location: string; db: Db } {
  const location = pgLocation();
  schemas.push(location);
  const db = openDb(location);
  open.push(db);
  return { location, db };
}

function connect(location: string): Db {
  const db = openDb(location);
  open.push(db);
  return db;
}

function addAlerts(db: Db, n: number): void {
  const at = T0.toISOString();
  const rows = Array.from({ length: n }, (_, i) => ({ idempotencyKey: `alert:${i}:test:ops`, channel: 'ops', kind: 'mention_flagged', payload: { n: i }, nextAttemptAt: at, createdAt: at }));
  db.insert(outbox).values(rows).run();
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Claimer {
  ready: Promise<void>;
  go(): void;
  ids: Promise<number[]>;
}

/**
 * A separate process that claims until nothing is left and prints the ids it
 * got: real concurrency, not turns on one thread. It opens its connection,
 * says "ready", and starts claiming when told, so both run at the same time.
 */
function claimer(location: string): Claimer {
  const code = `
    import { once } from 'node:events';
    import { claimDue } from ${JSON.stringify(`${ROOT}src/act/deliver.ts`)};
    import { openDb, closeDb } from ${JSON.stringify(`${ROOT}src/store/db.ts`)};
    const db = openDb(${JSON.stringify(location)});
    process.stdout.write('ready\\n');
    await once(process.stdin, 'data');
    const got = [];
    for (;;) {
      const rows = claimDue(db, { now: new Date(${JSON.stringify(T0.toISOString())}), leaseMs: 600000, limit: 3 });
      if (rows.length === 0) break;
      got.push(...rows.map((r) => r.id));
    }
    closeDb(db);
    process.stdout.write(JSON.stringify(got) + '\\n');
    process.exit(0);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const ids = new Promise<number[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve(JSON.parse(out.split('\n')[1] ?? '[]') as number[]) : reject(new Error(`claimer exited with ${status}: ${err}`))));
  });
  return { ready, ids, go: () => child.stdin.end('go\n') };
}

describe.skipIf(pgSkipReason !== null)('outbox claims on PostgreSQL', () => {
  it('gives two connections claiming at once disjoint rows, and every row to one of them', async () => {
    const { location, db } = freshDb();
    addAlerts(db, 1500);
    const claimers = [claimer(location), claimer(location)];
    await Promise.all(claimers.map((c) => c.ready));
    for (const c of claimers) c.go();
    const [a, b] = await Promise.all(claimers.map((c) => c.ids));
    const all = [...(a ?? []), ...(b ?? [])];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(1500);
    // Both took part: the test measured contention, not one process finishing before the other started.
    expect(Math.min(a?.length ?? 0, b?.length ?? 0)).toBeGreaterThan(0);
  }, 60_000);

  it('skips rows another transaction is claiming instead of waiting for it', () => {
    const { location, db } = freshDb();
    addAlerts(db, 10);
    const other = connect(location);
    let mine: number[] = [];
    let theirs: number[] = [];
    db.transaction(() => {
      mine = claimDue(db, { now: T0, leaseMs: 60_000, limit: 4 }).map((r) => r.id);
      // Still uncommitted: the other connection must pass over these rows, not block on them (it would never return here).
      theirs = claimDue(other, { now: T0, leaseMs: 60_000, limit: 4 }).map((r) => r.id);
    });
    expect(mine).toHaveLength(4);
    expect(theirs).toHaveLength(4);
    expect(mine.filter((id) => theirs.includes(id))).toEqual([]);
  });

  it('claims a row again once its lease has run out, and not before', () => {
    const { location, db } = freshDb();
    addAlerts(db, 3);
    const other = connect(location);
    const first = claimDue(db, { now: T0, leaseMs: 30_000, limit: 10 });
    expect(first.map((r) => r.nextAttemptAt)).toEqual(Array(3).fill('2026-11-23T12:00:30.000Z'));
    // The first worker died without recording anything: within the lease nobody sends its rows…
    expect(claimDue(other, { now: new Date(T0.getTime() + 29_000), leaseMs: 30_000, limit: 10 })).toEqual([]);
    // …after it, another worker takes them, with their keys, payloads and attempt counts as they were.
    const again = claimDue(other, { now: new Date(T0.getTime() + 30_000), leaseMs: 30_000, limit: 10 });
    expect(again.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(again.map((r) => r.idempotencyKey)).toEqual(first.map((r) => r.idempotencyKey));
    expect(again[0]).toMatchObject({ attempts: 0, status: 'pending', payload: { n: 0 } });
  });
});
