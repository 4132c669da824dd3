/**
 * Storage under stress: an online backup while a crawl writes, a database
 * locked by someone else, one that cannot be written, one that is not a
 * database. Each failure is one StorageError naming the file and what to do.
 */
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReviewSite, type ReviewSite } from '../../bench/lib/review-site.ts';
import { siteConfigText } from '../../bench/lib/site-config.ts';
import { genericHtml } from '../../scrapers/generic-html.ts';
import { ingestPage } from '../../src/pipeline/ingest.ts';
import { closeDb, openDb, StorageError } from '../../src/store/db.ts';
import { repwatch } from '../helpers/cli.ts';
import { pipelineDeps } from '../helpers/pipeline.ts';
import { useTempDir } from '../helpers/temp.ts';
import { startCli } from './helpers.ts';

const tempDir = useTempDir();
let site: ReviewSite;
beforeAll(async () => {
  site = await startReviewSite({ reviews: 800, pageSize: 10, delayMs: 15 });
});
afterAll(async () => site.close());

const item = (id: string) => ({ externalId: id, url: null, author: 'A', rating: 1, title: null, text: 'cold coffee, rude staff', lang: 'en', publishedAt: null });

describe('repwatch backup', () => {
  it('copies a consistent snapshot while a crawl writes in another process', async () => {
    const dir = tempDir();
    const dbFile = join(dir, 'live.db');
    const cfg = join(dir, 'repwatch.yaml');
    writeFileSync(cfg, siteConfigText({ siteUrl: site.url, targets: ['big'] }));
    const crawl = startCli(['crawl', 'big', '--config', cfg, '--db', dbFile, '--json']);
    const copies: { file: string; mentions: number }[] = [];
    // Back up again and again until the crawl is over; most copies land mid-crawl.
    let done = false;
    void crawl.exit.then(() => (done = true));
    for (let i = 0; !done && i < 12; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const file = join(dir, `copy-${i}.db`);
      const run = await repwatch(['backup', file, '--db', dbFile, '--json']);
      // The crawl has not created the file yet, or not finished migrating it (the copy then holds no
      // tables, fails verification and is not kept: the backup refused it as it should).
      if (run.code !== 0 && /no database|no such table/.test(run.stderr)) continue;
      expect(run.code, run.stderr).toBe(0);
      copies.push({ file, mentions: (JSON.parse(run.stdout) as { mentions: number }).mentions });
    }
    expect((await crawl.exit).code, crawl.stderr).toBe(0);
    expect(copies.filter((c) => c.mentions > 0 && c.mentions < 800).length, JSON.stringify(copies)).toBeGreaterThan(0);
    for (const { file } of copies) {
      const db = new Database(file, { readonly: true });
      const one = (sql: string) => db.prepare(sql).pluck().get() as number;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const mentions = one('select count(*) from mentions');
      // One transaction per page: a snapshot holds whole pages, each item with its revision and analysis.
      expect(mentions % 10).toBe(0);
      expect(one('select count(*) from mention_revisions')).toBe(mentions);
      expect(one('select count(*) from analyses')).toBe(mentions);
      expect(one('select count(*) from tasks')).toBe(one("select count(distinct mention_id) from flags where rule_id in ('low-rating','negative-text','complaint-under-high-rating')"));
      db.close();
    }
  }, 60_000);

  it('refuses to overwrite a file, and says so', async () => {
    const dir = tempDir();
    const dbFile = join(dir, 'a.db');
    closeDb(openDb(dbFile));
    writeFileSync(join(dir, 'taken.db'), 'x');
    const run = await repwatch(['backup', join(dir, 'taken.db'), '--db', dbFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/taken\.db already exists; remove it or name another file/);
  });
});

describe('storage failures are one clear StorageError', () => {
  it('a database locked by another process past the busy timeout', async () => {
    const dir = tempDir();
    const file = join(dir, 'locked.db');
    closeDb(openDb(file));
    const holder = new Database(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('begin exclusive; create table hold (x); ');
    try {
      const started = Date.now();
      const run = await repwatch(['tasks', '--db', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(file);
      expect(run.stderr).toMatch(/locked by another process for longer than the 5 s busy timeout\. Stop the other writer/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
    } finally {
      holder.exec('rollback');
      holder.close();
    }
  }, 30_000);

  it('a lock taken mid-crawl: ingest fails with a StorageError, not a raw SqliteError', () => {
    const dir = tempDir();
    const deps = pipelineDeps(dir);
    deps.db.$client.pragma('busy_timeout = 200');
    const holder = new Database(join(dir, 'repwatch.db'));
    holder.exec('begin immediate; create table hold (x);');
    try {
      expect(() => ingestPage(deps, { id: 'shop', source: genericHtml.id }, [item('r1')])).toThrow(StorageError);
      expect(() => ingestPage(deps, { id: 'shop', source: genericHtml.id }, [item('r1')])).toThrow(/repwatch\.db: database is locked \(SQLITE_BUSY\); it is locked by another process/);
    } finally {
      holder.exec('rollback');
      holder.close();
      closeDb(deps.db);
    }
  });

  // Tests may run as root, where chmod 444 does not stop writes. Then the
  // unwritable file is simulated the way SQLite sees one: the connection is
  // opened read-only (openDb's `readonly`, SQLite's SQLITE_OPEN_READONLY), and a
  // live connection is switched to `pragma query_only`. As another user the
  // real chmod is tried through the CLI as well.
  it('a file that cannot be written (read-only connection or chmod 444)', async () => {
    const dir = tempDir();
    const deps = pipelineDeps(dir);
    deps.db.$client.pragma('query_only = ON');
    expect(() => ingestPage(deps, { id: 'shop', source: genericHtml.id }, [item('r1')])).toThrow(/cannot write to database .*repwatch\.db: .*\(SQLITE_READONLY\); the file or its folder cannot be written/);
    closeDb(deps.db);

    const fresh = join(dir, 'fresh.db');
    expect(() => openDb(fresh, { readonly: true })).toThrow(StorageError);
    expect(() => openDb(fresh, { readonly: true })).toThrow(/fresh\.db.*(SQLITE_CANTOPEN).*cannot be written/);

    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'ro.db');
      copyFileSync(join(dir, 'repwatch.db'), ro);
      chmodSync(ro, 0o444);
      const run = await repwatch(['tasks', '--db', ro]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/ro\.db.*cannot be written/);
    }
  });

  it('a file that is not a database, or a damaged one', async () => {
    const dir = tempDir();
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database, it is a note to self '.repeat(200));
    const run = await repwatch(['tasks', '--db', junk]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(junk);
    expect(run.stderr).toMatch(/not a SQLite database or it is damaged\. Restore the last `repwatch backup` copy/);

    // A real database with its pages overwritten in the middle.
    const damaged = join(dir, 'damaged.db');
    const deps = pipelineDeps(dir);
    ingestPage(deps, { id: 'shop', source: genericHtml.id }, Array.from({ length: 200 }, (_, i) => item(`r${i}`)));
    deps.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    closeDb(deps.db);
    copyFileSync(join(dir, 'repwatch.db'), damaged);
    const bytes = readFileSync(damaged);
    bytes.fill(0xa5, 0, 100); // the header
    writeFileSync(damaged, bytes);
    const bad = await repwatch(['tasks', '--db', damaged]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/damaged\.db.*not a SQLite database or it is damaged/);
  });
});
