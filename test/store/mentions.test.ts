import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDb, openDb, StorageError } from '../../src/store/db.ts';
import { pgMigrationsFolder } from '../../src/store/pg/open.ts';
import { markUnseenRemoved, upsertMention } from '../../src/store/mentions.ts';
import { mentionRevisions, mentions } from '../../src/store/schema.ts';
import type { Mention } from '../../src/crawl/mention.ts';
import { dbLocation, useTempDir, writeFile } from '../helpers/temp.ts';

const tempDir = useTempDir();

const base: Mention = {
  source: 'generic-html',
  targetId: 'shop',
  externalId: 'r-1',
  url: 'http://127.0.0.1/r-1',
  author: 'Анна',
  rating: 2,
  title: 'Плохо',
  text: 'Холодный кофе',
  lang: 'ru',
  publishedAt: '2026-11-20T10:00:00.000Z',
};

const onPostgres = process.env.REPWATCH_TEST_DB === 'postgres';

describe('mention store on a real database file or server', () => {
  it.skipIf(!onPostgres)('creates every table in its own schema on PostgreSQL, once however often it is opened', () => {
    const location = dbLocation(tempDir(), 'a.db');
    closeDb(openDb(location));
    const db = openDb(location);
    const tables = db.$client.prepare('select table_name from information_schema.tables where table_schema = current_schema()').pluck().all();
    for (const t of ['targets', 'mentions', 'mention_revisions', 'analyses', 'flags', 'tasks', 'task_events', 'outbox', 'crawl_runs', 'customers']) expect(tables).toContain(t);
    const journal = JSON.parse(readFileSync(join(pgMigrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(db.$client.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(journal.entries.length);
    // Every table with an identity id takes NULL as "the next id", as SQLite does (drizzle writes NULL ids).
    const missing = db.$client
      .prepare("select c.table_name from information_schema.columns c where c.table_schema = current_schema() and c.column_name = 'id' and c.is_identity = 'YES' and not exists (select 1 from information_schema.triggers t where t.event_object_schema = c.table_schema and t.event_object_table = c.table_name and t.trigger_name = c.table_name || '_fill_id')")
      .pluck()
      .all();
    expect(missing).toEqual([]);
    closeDb(db);
  });

  it.skipIf(onPostgres)('opens in WAL mode with a busy timeout and applied migrations', () => {
    const db = openDb(dbLocation(tempDir(), 'a.db'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db.$client.prepare("select name from sqlite_master where type='table'").pluck().all();
    for (const t of ['targets', 'mentions', 'mention_revisions', 'analyses', 'flags', 'tasks', 'task_events', 'outbox', 'crawl_runs', 'customers']) expect(tables).toContain(t);
  });

  it('stores a new item once, then reports it unchanged', () => {
    const db = openDb(dbLocation(tempDir(), 'a.db'));
    const first = upsertMention(db, base, '2026-11-21T00:00:00.000Z');
    const second = upsertMention(db, base, '2026-11-22T00:00:00.000Z');
    expect(first.status).toBe('new');
    expect(second).toMatchObject({ status: 'unchanged', mentionId: first.mentionId, revisionId: null });
    const row = db.select().from(mentions).where(eq(mentions.id, first.mentionId)).get();
    expect(row?.lastSeenAt).toBe('2026-11-22T00:00:00.000Z');
    expect(db.select().from(mentionRevisions).all()).toHaveLength(1);
  });

  it('turns an edit into a new revision and keeps the old text', () => {
    const db = openDb(dbLocation(tempDir(), 'a.db'));
    upsertMention(db, base, '2026-11-21T00:00:00.000Z');
    const edited = upsertMention(db, { ...base, rating: 1, text: 'Холодный кофе и хамство' }, '2026-11-22T00:00:00.000Z');
    expect(edited).toMatchObject({ status: 'changed', revision: 2, previousRating: 2 });
    const revisions = db.select().from(mentionRevisions).all();
    expect(revisions.map((r) => r.text)).toEqual(['Холодный кофе', 'Холодный кофе и хамство']);
    expect(db.select().from(mentions).get()?.rating).toBe(1);
  });

  it('does not count a changed view count as an edit', () => {
    const db = openDb(dbLocation(tempDir(), 'a.db'));
    upsertMention(db, { ...base, metrics: { views: 10 } }, '2026-11-21T00:00:00.000Z');
    expect(upsertMention(db, { ...base, metrics: { views: 99 } }, '2026-11-22T00:00:00.000Z').status).toBe('unchanged');
  });

  it('marks items not seen since a full crawl started as removed, and restores one that comes back', () => {
    const db = openDb(dbLocation(tempDir(), 'a.db'));
    upsertMention(db, base, '2026-11-21T00:00:00.000Z');
    upsertMention(db, { ...base, externalId: 'r-2' }, '2026-11-21T00:00:00.000Z');
    upsertMention(db, base, '2026-11-22T00:00:01.000Z');
    expect(markUnseenRemoved(db, 'shop', '2026-11-22T00:00:00.000Z', '2026-11-22T00:00:02.000Z')).toBe(1);
    expect(db.select().from(mentions).where(eq(mentions.externalId, 'r-2')).get()?.removed).toBe(true);
    upsertMention(db, { ...base, externalId: 'r-2' }, '2026-11-23T00:00:00.000Z');
    expect(db.select().from(mentions).where(eq(mentions.externalId, 'r-2')).get()?.removed).toBe(false);
  });

  it('refuses a file that is not a database with a clear error', () => {
    const dir = tempDir();
    const path = writeFile(dir, 'broken.db', 'this is not sqlite, just text that is long enough to be read as a header');
    expect(() => openDb(path)).toThrow(StorageError);
    expect(() => openDb(path)).toThrow(/broken\.db/);
  });
});
