import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { and, eq, isNull, lt, ne, or } from 'drizzle-orm';
import type { Mention } from '../crawl/mention.ts';
import type { Db } from './db.ts';
import { textFingerprint } from './fingerprint.ts';
import { isPostgresClient } from './pg/database.ts';
import { mentionRevisions, mentions } from './schema.ts';

export type UpsertStatus = 'new' | 'changed' | 'unchanged';

export interface UpsertOutcome {
  status: UpsertStatus;
  mentionId: number;
  /** The revision written by this call; null when nothing changed. */
  revisionId: number | null;
  revision: number;
  /** Rating of the revision before this one, so rules can see an edit to worse. */
  previousRating: number | null;
  /** A new item that is a repost of this stored mention: one more sighting, not a new alert. */
  duplicateOf: number | null;
}

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;

/** Only what a reader sees counts as an edit: a changed view count is not a new revision. */
export function contentHash(m: Pick<Mention, 'rating' | 'title' | 'text' | 'reply'>): string {
  return createHash('sha1')
    .update(JSON.stringify([m.rating, m.title, m.text, m.reply ?? null]))
    .digest('hex');
}

/**
 * The hot path (a new item, or one seen again unchanged) runs on statements
 * prepared once per connection: drizzle builds and prepares its SQL on every
 * call, which cost ~10x the INSERTs themselves (see bench/, "ingest").
 */
interface HotStatements {
  find: Database.Statement<[string, string], { id: number; hash: string; revision: number; rating: number | null; removed: number }>;
  original: Database.Statement<[string, string, string], { id: number }>;
  // `returning id`, not lastInsertRowid: PostgreSQL has no last insert id.
  insert: Database.Statement<unknown[], { id: number }>;
  revision: Database.Statement<unknown[], { id: number }>;
  touch: Database.Statement<[string, number]>;
  restore: Database.Statement<[string, number]>;
  /** upsertFast on SQLite, upsertPg on PostgreSQL: picked once, when the statements are prepared. */
  upsert: (tx: Tx, s: HotStatements, m: Mention, seenAt: string) => UpsertOutcome;
  pg: PgHotStatements | null;
}

/**
 * PostgreSQL's merged variants: each statement there is a round trip (~0.2 ms),
 * and a new item cost four (find, original, insert, revision). Here it costs two:
 * - lookup: find and the repost check in one select, one row always: the
 *   stored item's columns (null when new) and, only for a new item (a lazy
 *   scalar subquery under `case`), the original its fingerprint repeats.
 *   A null fingerprint matches nothing, as the skipped query found nothing.
 * - insertNew: the mention and its first revision in one statement, the
 *   revision's values read back from the inserted row (the same values the
 *   SQLite path passes twice); returns both ids.
 */
interface PgHotStatements {
  lookup: Database.Statement<[string | null, string, string, string, string], { id: number | null; hash: string | null; revision: number | null; rating: number | null; removed: number | null; original: number | null }>;
  insertNew: Database.Statement<unknown[], { mention_id: number; id: number }>;
}

const prepared = new WeakMap<Database.Database, HotStatements>();

/** The better-sqlite3 connection under a drizzle database or transaction, when there is one. */
function clientOf(tx: Tx): Database.Database | null {
  const client = (tx as { session?: { client?: unknown } }).session?.client as Database.Database | undefined;
  return client && typeof client.prepare === 'function' ? client : null;
}

function hotStatements(tx: Tx): HotStatements | null {
  const client = clientOf(tx);
  if (!client) return null;
  let s = prepared.get(client);
  if (!s) {
    s = {
      find: client.prepare('select id, content_hash as hash, revision, rating, removed from mentions where source = ? and external_id = ?'),
      original: client.prepare('select id from mentions where fingerprint = ? and duplicate_of is null and (source <> ? or external_id <> ?) limit 1'),
      insert: client.prepare(
        `insert into mentions (source, external_id, target_id, url, author, rating, title, text, lang, published_at, reply, location, parent_id, content_hash, fingerprint, duplicate_of, first_seen_at, last_seen_at, raw)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      ),
      revision: client.prepare('insert into mention_revisions (mention_id, revision, content_hash, rating, title, text, reply, seen_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id'),
      touch: client.prepare('update mentions set last_seen_at = ? where id = ?'),
      restore: client.prepare('update mentions set last_seen_at = ?, removed = 0, removed_at = null where id = ?'),
      upsert: upsertFast,
      pg: null,
    };
    if (isPostgresClient(client)) {
      s.upsert = upsertPg;
      s.pg = {
        lookup: client.prepare(
          `select f.id, f.hash, f.revision, f.rating, f.removed,
             case when f.id is null then (select o.id from mentions o where o.fingerprint = ? and o.duplicate_of is null and (o.source <> ? or o.external_id <> ?) limit 1) end as original
           from (select 1) as one left join (select id, content_hash as hash, revision, rating, removed from mentions where source = ? and external_id = ?) as f on true`,
        ),
        insertNew: client.prepare(
          `with m as (
             insert into mentions (source, external_id, target_id, url, author, rating, title, text, lang, published_at, reply, location, parent_id, content_hash, fingerprint, duplicate_of, first_seen_at, last_seen_at, raw)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id, content_hash, rating, title, text, reply, first_seen_at)
           insert into mention_revisions (mention_id, revision, content_hash, rating, title, text, reply, seen_at)
           select id, 1, content_hash, rating, title, text, reply, first_seen_at from m returning mention_id, id`,
        ),
      };
    }
    prepared.set(client, s);
  }
  return s;
}

export function upsertMention(tx: Tx, m: Mention, seenAt: string): UpsertOutcome {
  const hot = hotStatements(tx);
  return hot ? hot.upsert(tx, hot, m, seenAt) : upsertPortable(tx, m, seenAt);
}

/** upsertFast's twin on PostgreSQL: two round trips for a new item instead of four, one for a known one. */
function upsertPg(tx: Tx, s: HotStatements, m: Mention, seenAt: string): UpsertOutcome {
  const pg = s.pg!;
  const hash = contentHash(m);
  // Computed for every item (the lookup takes it), not only new ones: microseconds against a round trip.
  const fingerprint = textFingerprint(m.text);
  const found = pg.lookup.get(fingerprint, m.source, m.externalId, m.source, m.externalId)!;
  if (found.id === null) {
    const duplicateOf = found.original;
    const row = pg.insertNew.get(m.source, m.externalId, m.targetId, m.url, m.author, m.rating, m.title, m.text, m.lang, m.publishedAt, m.reply ?? null, m.location ?? null, m.parentId ?? null, hash, fingerprint, duplicateOf, seenAt, seenAt, m.raw === undefined ? null : JSON.stringify(m.raw))!;
    return { status: 'new', mentionId: row.mention_id, revisionId: row.id, revision: 1, previousRating: null, duplicateOf };
  }
  const existing = { id: found.id, revision: found.revision!, rating: found.rating };
  if (found.hash === hash) {
    (found.removed ? s.restore : s.touch).run(seenAt, existing.id);
    return { status: 'unchanged', mentionId: existing.id, revisionId: null, revision: existing.revision, previousRating: existing.rating, duplicateOf: null };
  }
  return updateChanged(tx, existing, hash, m, seenAt);
}

function upsertFast(tx: Tx, s: HotStatements, m: Mention, seenAt: string): UpsertOutcome {
  const hash = contentHash(m);
  const existing = s.find.get(m.source, m.externalId);
  if (!existing) {
    const fingerprint = textFingerprint(m.text);
    const original = fingerprint ? s.original.get(fingerprint, m.source, m.externalId) : undefined;
    const duplicateOf = original?.id ?? null;
    const mentionId = s.insert.get(m.source, m.externalId, m.targetId, m.url, m.author, m.rating, m.title, m.text, m.lang, m.publishedAt, m.reply ?? null, m.location ?? null, m.parentId ?? null, hash, fingerprint, duplicateOf, seenAt, seenAt, m.raw === undefined ? null : JSON.stringify(m.raw))!.id;
    const revisionId = s.revision.get(mentionId, 1, hash, m.rating, m.title, m.text, m.reply ?? null, seenAt)!.id;
    return { status: 'new', mentionId, revisionId, revision: 1, previousRating: null, duplicateOf };
  }
  if (existing.hash === hash) {
    (existing.removed ? s.restore : s.touch).run(seenAt, existing.id);
    return { status: 'unchanged', mentionId: existing.id, revisionId: null, revision: existing.revision, previousRating: existing.rating, duplicateOf: null };
  }
  return updateChanged(tx, { id: existing.id, revision: existing.revision, rating: existing.rating }, hash, m, seenAt);
}

/** The same through drizzle, for a handle that is not a better-sqlite3 connection. */
function upsertPortable(tx: Tx, m: Mention, seenAt: string): UpsertOutcome {
  const hash = contentHash(m);
  const existing = tx
    .select({ id: mentions.id, hash: mentions.contentHash, revision: mentions.revision, rating: mentions.rating, removed: mentions.removed })
    .from(mentions)
    .where(and(eq(mentions.source, m.source), eq(mentions.externalId, m.externalId)))
    .get();

  if (!existing) {
    const fingerprint = textFingerprint(m.text);
    const original = fingerprint
      ? tx
          .select({ id: mentions.id })
          .from(mentions)
          .where(and(eq(mentions.fingerprint, fingerprint), isNull(mentions.duplicateOf), or(ne(mentions.source, m.source), ne(mentions.externalId, m.externalId))))
          .limit(1)
          .get()
      : undefined;
    const row = tx
      .insert(mentions)
      .values({
        source: m.source,
        externalId: m.externalId,
        targetId: m.targetId,
        url: m.url,
        author: m.author,
        rating: m.rating,
        title: m.title,
        text: m.text,
        lang: m.lang,
        publishedAt: m.publishedAt,
        reply: m.reply ?? null,
        location: m.location ?? null,
        parentId: m.parentId ?? null,
        contentHash: hash,
        fingerprint,
        duplicateOf: original?.id ?? null,
        firstSeenAt: seenAt,
        lastSeenAt: seenAt,
        raw: m.raw === undefined ? null : JSON.stringify(m.raw),
      })
      .returning({ id: mentions.id })
      .get();
    const revisionId = insertRevision(tx, row.id, 1, hash, m, seenAt);
    return { status: 'new', mentionId: row.id, revisionId, revision: 1, previousRating: null, duplicateOf: original?.id ?? null };
  }

  if (existing.hash === hash) {
    tx.update(mentions)
      .set({ lastSeenAt: seenAt, ...(existing.removed ? { removed: false, removedAt: null } : {}) })
      .where(eq(mentions.id, existing.id))
      .run();
    return { status: 'unchanged', mentionId: existing.id, revisionId: null, revision: existing.revision, previousRating: existing.rating, duplicateOf: null };
  }

  return updateChanged(tx, existing, hash, m, seenAt);
}

/** An edited item: a new revision; rare, so it stays on drizzle. */
function updateChanged(tx: Tx, existing: { id: number; revision: number; rating: number | null }, hash: string, m: Mention, seenAt: string): UpsertOutcome {
  const revision = existing.revision + 1;
  tx.update(mentions)
    .set({
      url: m.url,
      author: m.author,
      rating: m.rating,
      title: m.title,
      text: m.text,
      lang: m.lang,
      reply: m.reply ?? null,
      contentHash: hash,
      fingerprint: textFingerprint(m.text),
      revision,
      lastSeenAt: seenAt,
      removed: false,
      removedAt: null,
      raw: m.raw === undefined ? null : JSON.stringify(m.raw),
    })
    .where(eq(mentions.id, existing.id))
    .run();
  const revisionId = insertRevision(tx, existing.id, revision, hash, m, seenAt);
  return { status: 'changed', mentionId: existing.id, revisionId, revision, previousRating: existing.rating, duplicateOf: null };
}

function insertRevision(tx: Tx, mentionId: number, revision: number, hash: string, m: Mention, seenAt: string): number {
  return tx
    .insert(mentionRevisions)
    .values({ mentionId, revision, contentHash: hash, rating: m.rating, title: m.title, text: m.text, reply: m.reply ?? null, seenAt })
    .returning({ id: mentionRevisions.id })
    .get().id;
}

/**
 * After a crawl that read a target to its last page, whatever was not seen since
 * the crawl started is gone from the site.
 */
export function markUnseenRemoved(db: Db, targetId: string, crawlStartedAt: string, at: string): number {
  return db
    .update(mentions)
    .set({ removed: true, removedAt: at })
    .where(and(eq(mentions.targetId, targetId), eq(mentions.removed, false), lt(mentions.lastSeenAt, crawlStartedAt)))
    .run().changes;
}
