import { describe, expect, it } from 'vitest';
import { negativeTags, ratingSeries, summary, type AnalyticsFilter } from '../../src/serve/analytics-query.ts';
import { closeDb, openDb, type Db } from '../../src/store/db.ts';
import { HAND_ITEMS, insertItems } from './fixture-data.ts';
import { dbLocation, useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

const LIVE = 'm.removed = 0 and m.duplicate_of is null and m.published_at is not null';

/** mention_daily as it would be built from scratch over mentions. */
function expectedDaily(db: Db) {
  return db.$client
    .prepare(
      `select substr(published_at, 1, 10) as day, coalesce(date(published_at, '-6 days', 'weekday 1'), '') as week, source, coalesce(location, '') as location, location is not null as located,
              count(*) as volume, count(rating) as rated, coalesce(sum(rating), 0) as rating_sum, coalesce(sum(rating <= 2), 0) as negatives, coalesce(sum(rating >= 4), 0) as positives
       from mentions m where ${LIVE} group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
    )
    .all();
}

const actualDaily = (db: Db) =>
  db.$client.prepare('select day, week, source, location, located, volume, rated, rating_sum, negatives, positives from mention_daily where volume <> 0 order by 1, 2, 3, 4, 5').all();

/** negative_tag_daily from scratch: live mentions with a task, tags of their latest analysis. */
function expectedTags(db: Db) {
  return db.$client
    .prepare(
      `select substr(m.published_at, 1, 10) as day, min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)) as eff_day, coalesce(date(m.published_at, '-6 days', 'weekday 1'), '') as week, m.source as source, j.value as tag, count(*) as negatives
       from (select mention_id, max(created_at) as latest from tasks group by mention_id) t
       join mentions m on m.id = t.mention_id
       join analyses a on a.id = (select max(a2.id) from analyses a2 where a2.mention_id = m.id)
       join json_each(a.tags) j on true
       where ${LIVE} group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
    )
    .all();
}

const actualTags = (db: Db) => db.$client.prepare('select day, eff_day, week, source, tag, negatives from negative_tag_daily where negatives <> 0 order by 1, 2, 3, 4, 5').all();

function expectInStep(db: Db) {
  expect(actualDaily(db)).toEqual(expectedDaily(db));
  expect(actualTags(db)).toEqual(expectedTags(db));
  // The API over the rollups (whole days) and over mentions (a range not in whole days takes the scan) agree.
  const now = new Date('2026-02-01T00:00:00.000Z');
  for (const extra of [{}, { source: 'store' }, { location: 'Soho' }, { source: 'maps', location: 'Soho' }]) {
    for (const granularity of ['day', 'week', 'month'] as const) {
      for (const group of ['none', 'source', 'location'] as const) {
        const f: AnalyticsFilter = { from: '2025-01-01', to: '2026-03-01', granularity, group, ...extra };
        const scan: AnalyticsFilter = { ...f, from: '2025-01-01T00:00:00', to: '2026-03-01T00:00:00' };
        expect(ratingSeries(db, f)).toEqual(ratingSeries(db, scan));
        expect(negativeTags(db, f, 5)).toEqual(negativeTags(db, scan, 5));
        expect({ ...summary(db, f, now), from: '', to: '' }).toEqual({ ...summary(db, scan, now), from: '', to: '' });
      }
    }
  }
}

describe('dashboard rollups', () => {
  it('stay equal to an aggregate over mentions through inserts, edits, removals, reposts and new tasks', () => {
    const db = openDb(dbLocation(tempDir()));
    try {
      const c = db.$client;
      c.prepare("insert into targets (id, source, name, health) values ('t-maps', 'maps', 'Maps', 'ok'), ('t-store', 'store', 'Store', 'ok')").run();
      const { mentionIds } = insertItems(c, HAND_ITEMS);
      expect(actualDaily(db).length).toBeGreaterThan(0);
      expect(actualTags(db).length).toBeGreaterThan(0);
      expectInStep(db);

      const id = (i: number) => mentionIds[i] ?? 0;
      // A rating edited (4 → 1), then to unrated, and a last_seen_at touch that must not count anything.
      c.prepare('update mentions set rating = 1 where id = ?').run(id(2));
      c.prepare('update mentions set rating = null where id = ?').run(id(3));
      c.prepare("update mentions set last_seen_at = '2026-01-20T00:00:00.000Z' where id = ?").run(id(4));
      expectInStep(db);
      // Removed (with its task), restored, removed again; a repost marked and unmarked.
      c.prepare('update mentions set removed = 1 where id = ?').run(id(0));
      c.prepare('update mentions set removed = 1 where id = ?').run(id(7));
      expectInStep(db);
      c.prepare('update mentions set removed = 0 where id = ?').run(id(0));
      c.prepare('update mentions set duplicate_of = ? where id = ?').run(id(5), id(9));
      c.prepare('update mentions set duplicate_of = null where id = ?').run(id(11));
      expectInStep(db);
      // Moved in time, to another location and to none; a new analysis with other tags; a new, later task.
      c.prepare("update mentions set published_at = '2026-01-20T09:00:00.000Z', location = 'Tverskaya' where id = ?").run(id(1));
      c.prepare('update mentions set location = null where id = ?').run(id(6));
      const rev = c.prepare('select max(id) from mention_revisions where mention_id = ?').pluck().get(id(5)) as number;
      const rev2 = (c.prepare("insert into mention_revisions (mention_id, revision, content_hash, rating, text, seen_at) values (?, 2, 'h2', 1, 'edited', '2026-01-21T00:00:00.000Z') returning id").get(id(5)) as { id: number }).id;
      expect(rev2).toBeGreaterThan(rev);
      c.prepare(`insert into analyses (mention_id, revision_id, lang, score, label, reasons, tags) values (?, ?, 'en', -0.8, 'negative', '[]', '["refund","price","refund"]')`).run(id(5), rev2);
      const flag = (c.prepare("insert into flags (mention_id, rule_id, revision_id, priority, reason, tags) values (?, 'again', ?, 'high', 'r', '[]') returning id").get(id(3), rev) as { id: number }).id;
      c.prepare("insert into tasks (flag_id, mention_id, rule_id, priority, due_at, created_at) values (?, ?, 'again', 'high', '2026-02-02T00:00:00.000Z', '2026-02-01T00:00:00.000Z')").run(flag, id(3));
      expectInStep(db);
      // New mentions (one unpublished, one without location), then a task deleted and a mention deleted.
      const insert = c.prepare(
        "insert into mentions (source, external_id, target_id, rating, text, published_at, location, content_hash, first_seen_at, last_seen_at) values (?, ?, ?, ?, 'x', ?, ?, 'h', '2026-01-01', '2026-01-01') returning id",
      );
      insert.run('maps', 'n1', 't-maps', 2.5, '2026-01-10T10:00:00.000Z', null);
      insert.run('maps', 'n2', 't-maps', 3, null, 'Soho');
      const extra = (insert.get('store', 'n3', 't-store', 4.5, '2026-01-11T10:00:00.000Z', 'Arbat') as { id: number }).id;
      expectInStep(db);
      c.prepare("delete from tasks where rule_id = 'again'").run();
      c.prepare('delete from mentions where id = ?').run(extra);
      expectInStep(db);
    } finally {
      closeDb(db);
    }
  });
});
