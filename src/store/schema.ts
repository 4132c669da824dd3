import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const targets = sqliteTable('targets', {
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

export const mentions = sqliteTable(
  'mentions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    targetId: text('target_id').notNull(),
    url: text('url'),
    author: text('author'),
    rating: real('rating'),
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
    removed: integer('removed', { mode: 'boolean' }).notNull().default(false),
    removedAt: text('removed_at'),
    marketing: text('marketing', { enum: ['candidate', 'approved', 'hidden'] }),
    /** Hash of the normalized text, so a repost elsewhere is known as the same mention. */
    fingerprint: text('fingerprint'),
    /** Set on a repost: it is a sighting of that mention, not a new one to alert on. */
    duplicateOf: integer('duplicate_of'),
    raw: text('raw'),
  },
  (t) => [
    uniqueIndex('mentions_source_external_id').on(t.source, t.externalId),
    index('mentions_target_published').on(t.targetId, t.publishedAt),
    index('mentions_fingerprint').on(t.fingerprint),
    // Dashboard (src/serve): analytics read a date range of live mentions from this index alone.
    index('mentions_analytics').on(t.publishedAt, t.source, t.location, t.rating).where(sql`removed = 0 and duplicate_of is null`),
    // Also the inbox filter by location and source (src/serve/inbox-query.ts).
    index('mentions_location').on(t.location, t.source),
    index('mentions_marketing').on(t.marketing, t.publishedAt).where(sql`removed = 0 and duplicate_of is null`),
    // Earlier tasks by the same author (src/act/open-task.ts): without it that join scans every task per new flag.
    index('mentions_source_author').on(t.source, t.author),
  ],
);

export const mentionRevisions = sqliteTable(
  'mention_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mentionId: integer('mention_id').notNull().references(() => mentions.id),
    revision: integer('revision').notNull(),
    contentHash: text('content_hash').notNull(),
    rating: real('rating'),
    title: text('title'),
    text: text('text').notNull(),
    reply: text('reply'),
    seenAt: text('seen_at').notNull(),
  },
  (t) => [uniqueIndex('mention_revisions_mention_revision').on(t.mentionId, t.revision)],
);

export const analyses = sqliteTable(
  'analyses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mentionId: integer('mention_id').notNull().references(() => mentions.id),
    revisionId: integer('revision_id').notNull().references(() => mentionRevisions.id),
    lang: text('lang').notNull(),
    score: real('score'),
    label: text('label').notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('analyses_revision').on(t.revisionId), index('analyses_mention').on(t.mentionId)],
);

export const flags = sqliteTable(
  'flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mentionId: integer('mention_id').notNull().references(() => mentions.id),
    ruleId: text('rule_id').notNull(),
    revisionId: integer('revision_id').notNull(),
    priority: text('priority').notNull(),
    reason: text('reason').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('flags_mention_rule').on(t.mentionId, t.ruleId)],
);

export const customers = sqliteTable('customers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The CRM's own id, so a re-import updates instead of duplicating. */
  crmId: text('crm_id').unique(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  handles: text('handles', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
  location: text('location'),
  lifetimeValue: real('lifetime_value'),
  createdAt: text('created_at').notNull().default(now),
});

export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    /** How sure the author-to-customer match is, 0–1. */
    customerConfidence: real('customer_confidence'),
    /** 0–1, from rating, sentiment, lifetime value and repeated negatives. */
    churnRisk: real('churn_risk'),
    replyDraft: text('reply_draft'),
    /** requested → approved | rejected; approved disputes leave the team's NRR. */
    disputeStatus: text('dispute_status', { enum: ['requested', 'approved', 'rejected'] }),
    disputeReason: text('dispute_reason'),
    /** Set by a helpdesk channel that opened a ticket for this task. */
    ticketId: text('ticket_id'),
    ticketUrl: text('ticket_url'),
    firstContactAt: text('first_contact_at'),
    resolvedAt: text('resolved_at'),
    /** e.g. "close: the author edited the review to 5 stars". */
    suggestion: text('suggestion'),
    slaAlertedAt: text('sla_alerted_at'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('tasks_mention_rule').on(t.mentionId, t.ruleId),
    index('tasks_status_due').on(t.status, t.dueAt),
    // Dashboard (src/serve): the inbox sorted by SLA, contact analytics by creation time, filters, disputes.
    index('tasks_due').on(t.dueAt),
    index('tasks_created').on(t.createdAt, t.firstContactAt, t.dueAt),
    index('tasks_assignee').on(t.assignee),
    index('tasks_dispute').on(t.disputeStatus),
    // Earlier tasks of the same customer, counted for churn risk on every new task.
    index('tasks_customer').on(t.customerId),
  ],
);

export const taskEvents = sqliteTable('task_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  taskId: integer('task_id').notNull().references(() => tasks.id),
  at: text('at').notNull().default(now),
  kind: text('kind').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  note: text('note'),
  actor: text('actor'),
});

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Sent as a header so a receiver can drop a repeat after a crash between send and ack. */
    idempotencyKey: text('idempotency_key').notNull(),
    channel: text('channel').notNull(),
    kind: text('kind').notNull(),
    mentionId: integer('mention_id'),
    ruleId: text('rule_id'),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'sent', 'dead', 'digested'] }).notNull().default('pending'),
    /** Waits for the channel's hourly or daily digest instead of going out alone. */
    digest: integer('digest', { mode: 'boolean' }).notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull().default(now),
    sentAt: text('sent_at'),
  },
  (t) => [uniqueIndex('outbox_idempotency_key').on(t.idempotencyKey), index('outbox_status_next').on(t.status, t.nextAttemptAt)],
);

export const crawlRuns = sqliteTable(
  'crawl_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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

export const mentionTags = sqliteTable(
  'mention_tags',
  {
    mentionId: integer('mention_id').notNull().references(() => mentions.id),
    tag: text('tag').notNull(),
    origin: text('origin').notNull(),
  },
  (t) => [uniqueIndex('mention_tags_mention_tag').on(t.mentionId, t.tag)],
);

/** API and dashboard access: only a hash of the token is stored. */
export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  role: text('role', { enum: ['viewer', 'agent', 'lead', 'admin'] }).notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: text('created_at').notNull().default(now),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
});

/**
 * Dashboard rollups (src/serve/analytics-query.ts), kept exactly in step with
 * mentions, tasks and analyses by the triggers of migration 0006 (WITHOUT ROWID
 * there). Only live mentions (removed = 0, duplicate_of null) with a
 * publication time count. `day` is substr(published_at, 1, 10), `week` the
 * Monday of the ISO week of published_at ('' when it is not a date);
 * `location` is '' with `located` 0 for a mention without one.
 */
export const mentionDaily = sqliteTable(
  'mention_daily',
  {
    day: text('day').notNull(),
    week: text('week').notNull(),
    source: text('source').notNull(),
    location: text('location').notNull(),
    located: integer('located').notNull(),
    volume: integer('volume').notNull(),
    rated: integer('rated').notNull(),
    ratingSum: real('rating_sum').notNull(),
    negatives: integer('negatives').notNull(),
    positives: integer('positives').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.week, t.source, t.location, t.located] })],
);

/**
 * The negatives of the weekly root-cause view: one row per live mention with a
 * task, with the tags of its latest analysis. `eff_day` is the earlier of its
 * publication day and the day of its latest task (a mention counts for a range
 * starting at `from` when its latest task was created since then).
 */
export const negativeTagState = sqliteTable(
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

/** negative_tag_state counted per day, source and tag. */
export const negativeTagDaily = sqliteTable(
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

/**
 * Per-host politeness shared by every worker of a PostgreSQL install
 * (src/crawl/shared-politeness.ts): when the next request to a host may start,
 * in epoch milliseconds. Unused on SQLite, where one process keeps it in memory.
 */
export const hostSlots = sqliteTable('host_slots', {
  host: text('host').primaryKey(),
  nextAt: integer('next_at').notNull(),
});
