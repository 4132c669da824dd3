/**
 * The PostgreSQL twin of ./schema.ts: same tables, columns, keys and index
 * names, so the SQLite-flavoured SQL of the rest of the code runs unchanged
 * through the pg bridge. Deliberate type choices (test/store/pg-schema.test.ts
 * checks the names stay in step):
 * - timestamps stay ISO-8601 text, JSON columns stay text (the runtime writes
 *   JSON.stringify strings and reads them back itself);
 * - boolean-mode columns stay integer 0/1 so `removed = 0` still matches;
 * - ids are identity "by default" so an export can insert its own ids.
 * The rollup triggers of SQLite migration 0006 live in the custom migration
 * 0001_rollup_triggers.sql.
 */
import { sql } from 'drizzle-orm';
import { bigint, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

// Same text shape as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ','now'): UTC, milliseconds, Z.
const now = sql`to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const targets = pgTable('targets', {
  id: text('id').primaryKey(),
  source: text('source').notNull(),
  name: text('name'),
  url: text('url'),
  health: text('health', { enum: ['unknown', 'ok', 'blocked', 'layout_changed', 'error'] }).notNull().default('unknown'),
  lastOkAt: text('last_ok_at'),
  lastError: text('last_error'),
  lastCrawlAt: text('last_crawl_at'),
  createdAt: text('created_at').notNull().default(now),
});

export const mentions = pgTable(
  'mentions',
  {
    id: id(),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    targetId: text('target_id').notNull(),
    url: text('url'),
    author: text('author'),
    rating: doublePrecision('rating'),
    title: text('title'),
    text: text('text').notNull(),
    lang: text('lang'),
    publishedAt: text('published_at'),
    reply: text('reply'),
    location: text('location'),
    parentId: text('parent_id'),
    contentHash: text('content_hash').notNull(),
    revision: integer('revision').notNull().default(1),
    firstSeenAt: text('first_seen_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    removed: integer('removed').notNull().default(0),
    removedAt: text('removed_at'),
    marketing: text('marketing', { enum: ['candidate', 'approved', 'hidden'] }),
    fingerprint: text('fingerprint'),
    duplicateOf: integer('duplicate_of'),
    raw: text('raw'),
  },
  (t) => [
    uniqueIndex('mentions_source_external_id').on(t.source, t.externalId),
    index('mentions_target_published').on(t.targetId, t.publishedAt),
    index('mentions_fingerprint').on(t.fingerprint),
    index('mentions_analytics').on(t.publishedAt, t.source, t.location, t.rating).where(sql`removed = 0 and duplicate_of is null`),
    index('mentions_location').on(t.location, t.source),
    index('mentions_marketing').on(t.marketing, t.publishedAt).where(sql`removed = 0 and duplicate_of is null`),
    index('mentions_source_author').on(t.source, t.author),
  ],
);

export const mentionRevisions = pgTable(
  'mention_revisions',
  {
    id: id(),
    mentionId: integer('mention_id').notNull().references(() => mentions.id),
    revision: integer('revision').notNull(),
    contentHash: text('content_hash').notNull(),
    rating: doublePrecision('rating'),
    title: text('title'),
    text: text('text').notNull(),
    reply: text('reply'),
    seenAt: text('seen_at').notNull(),
  },
  (t) => [uniqueIndex('mention_revisions_mention_revision').on(t.mentionId, t.revision)],
);

export const analyses = pgTable(
  'analyses',
  {
    id: id(),
    mentionId: integer('mention_id').notNull().references(() => mentions.id),
    revisionId: integer('revision_id').notNull().references(() => mentionRevisions.id),
    lang: text('lang').notNull(),
    score: doublePrecision('score'),
    label: text('label').notNull(),
    reasons: text('reasons').notNull(),
    tags: text('tags').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('analyses_revision').on(t.revisionId), index('analyses_mention').on(t.mentionId)],
);

export const flags = pgTable(
  'flags',
  {
    id: id(),
    mentionId: integer('mention_id').notNull().references(() => mentions.id),
    ruleId: text('rule_id').notNull(),
    revisionId: integer('revision_id').notNull(),
    priority: text('priority').notNull(),
    reason: text('reason').notNull(),
    tags: text('tags').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('flags_mention_rule').on(t.mentionId, t.ruleId)],
);

export const customers = pgTable('customers', {
  id: id(),
  crmId: text('crm_id').unique(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  handles: text('handles').notNull().default('{}'),
  location: text('location'),
  lifetimeValue: doublePrecision('lifetime_value'),
  createdAt: text('created_at').notNull().default(now),
});

export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    flagId: integer('flag_id').notNull().references(() => flags.id),
    mentionId: integer('mention_id').notNull().references(() => mentions.id),
    ruleId: text('rule_id').notNull(),
    status: text('status', { enum: ['open', 'in_progress', 'contacted', 'resolved', 'no_contact', 'disputed'] })
      .notNull()
      .default('open'),
    priority: text('priority').notNull(),
    dueAt: text('due_at').notNull(),
    assignee: text('assignee'),
    customerId: integer('customer_id').references(() => customers.id),
    customerConfidence: doublePrecision('customer_confidence'),
    churnRisk: doublePrecision('churn_risk'),
    replyDraft: text('reply_draft'),
    disputeStatus: text('dispute_status', { enum: ['requested', 'approved', 'rejected'] }),
    disputeReason: text('dispute_reason'),
    ticketId: text('ticket_id'),
    ticketUrl: text('ticket_url'),
    firstContactAt: text('first_contact_at'),
    resolvedAt: text('resolved_at'),
    suggestion: text('suggestion'),
    slaAlertedAt: text('sla_alerted_at'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('tasks_mention_rule').on(t.mentionId, t.ruleId),
    index('tasks_status_due').on(t.status, t.dueAt),
    index('tasks_due').on(t.dueAt),
    index('tasks_created').on(t.createdAt, t.firstContactAt, t.dueAt),
    index('tasks_assignee').on(t.assignee),
    index('tasks_dispute').on(t.disputeStatus),
    index('tasks_customer').on(t.customerId),
  ],
);

export const taskEvents = pgTable('task_events', {
  id: id(),
  taskId: integer('task_id').notNull().references(() => tasks.id),
  at: text('at').notNull().default(now),
  kind: text('kind').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  note: text('note'),
  actor: text('actor'),
});

export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    idempotencyKey: text('idempotency_key').notNull(),
    channel: text('channel').notNull(),
    kind: text('kind').notNull(),
    mentionId: integer('mention_id'),
    ruleId: text('rule_id'),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'dead', 'digested'] }).notNull().default('pending'),
    digest: integer('digest').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull().default(now),
    sentAt: text('sent_at'),
  },
  (t) => [uniqueIndex('outbox_idempotency_key').on(t.idempotencyKey), index('outbox_status_next').on(t.status, t.nextAttemptAt)],
);

export const crawlRuns = pgTable(
  'crawl_runs',
  {
    id: id(),
    targetId: text('target_id').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    status: text('status', { enum: ['running', 'ok', 'blocked', 'layout_changed', 'error', 'skipped', 'interrupted'] })
      .notNull()
      .default('running'),
    pages: integer('pages').notNull().default(0),
    itemsSeen: integer('items_seen').notNull().default(0),
    itemsNew: integer('items_new').notNull().default(0),
    itemsChanged: integer('items_changed').notNull().default(0),
    stopReason: text('stop_reason'),
    error: text('error'),
    /** Which process crawled (host:pid), so an operator sees how a fleet shared the work. */
    worker: text('worker'),
  },
  (t) => [index('crawl_runs_target_started').on(t.targetId, t.startedAt)],
);

export const mentionTags = pgTable(
  'mention_tags',
  {
    mentionId: integer('mention_id').notNull().references(() => mentions.id),
    tag: text('tag').notNull(),
    origin: text('origin').notNull(),
  },
  (t) => [uniqueIndex('mention_tags_mention_tag').on(t.mentionId, t.tag)],
);

export const apiTokens = pgTable('api_tokens', {
  id: id(),
  name: text('name').notNull(),
  role: text('role', { enum: ['viewer', 'agent', 'lead', 'admin'] }).notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: text('created_at').notNull().default(now),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
});

/** See ./schema.ts; kept in step by the triggers of migrations-pg/0001_rollup_triggers.sql. */
export const mentionDaily = pgTable(
  'mention_daily',
  {
    day: text('day').notNull(),
    week: text('week').notNull(),
    source: text('source').notNull(),
    location: text('location').notNull(),
    located: integer('located').notNull(),
    volume: integer('volume').notNull(),
    rated: integer('rated').notNull(),
    ratingSum: doublePrecision('rating_sum').notNull(),
    negatives: integer('negatives').notNull(),
    positives: integer('positives').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.week, t.source, t.location, t.located] })],
);

export const negativeTagState = pgTable(
  'negative_tag_state',
  {
    mentionId: integer('mention_id').primaryKey(),
    day: text('day').notNull(),
    effDay: text('eff_day').notNull(),
    week: text('week').notNull(),
    source: text('source').notNull(),
    location: text('location'),
    tags: text('tags').notNull(),
  },
  (t) => [index('negative_tag_state_location').on(t.location, t.day)],
);

export const negativeTagDaily = pgTable(
  'negative_tag_daily',
  {
    day: text('day').notNull(),
    effDay: text('eff_day').notNull(),
    week: text('week').notNull(),
    source: text('source').notNull(),
    tag: text('tag').notNull(),
    negatives: integer('negatives').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.effDay, t.week, t.source, t.tag] })],
);

/** See ./schema.ts. Epoch milliseconds need 64 bits. */
export const hostSlots = pgTable('host_slots', {
  host: text('host').primaryKey(),
  nextAt: bigint('next_at', { mode: 'number' }).notNull(),
});
