import { z } from 'zod';
import { brandQuerySchema } from '../crawl/brand-query.ts';

const priority = z.enum(['low', 'normal', 'high', 'urgent']);

/**
 * Each channel block is checked again by its own type's schema (src/act/channels),
 * which knows its fields; how alerts are batched is common to every type.
 */
export const channelBlockSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string().min(1),
  /** off: every alert at once; hourly/daily: one digest, except the priorities in `instant`. */
  digest: z.enum(['off', 'hourly', 'daily']).default('off'),
  instant: z.array(priority).default(['urgent', 'high']),
});

const memberSchema = z
  .object({
    name: z.string().min(1),
    locations: z.array(z.string()).default([]),
    sources: z.array(z.string()).default([]),
  })
  .strict();

/** Who gets new tasks, and how fast they are due. */
export const teamSchema = z
  .object({
    members: z.array(memberSchema).default([]),
    assign: z.enum(['round_robin', 'location', 'source']).default('round_robin'),
    /** A 1-star review from a known customer is due this soon, whatever the rule says. */
    known_customer_one_star_sla_hours: z.number().positive().default(4),
    /** Lifetime value from which a known customer's task gets one priority step higher. */
    vip_lifetime_value: z.number().nonnegative().default(1000),
  })
  .strict();

/** Alerts about a target as a whole, checked after each of its crawls, and overdue tasks. */
export const watchSchema = z
  .object({
    volume: z.object({ negatives: z.number().int().positive(), window_hours: z.number().positive() }).strict().optional(),
    rating_drop: z
      .object({ drop: z.number().positive(), window_hours: z.number().positive().default(24), min_reviews: z.number().int().positive().default(3) })
      .strict()
      .optional(),
    sla: z.boolean().default(true),
  })
  .strict();

export const targetSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, -, _ and . only'),
    source: z.string().min(1),
    name: z.string().optional(),
    url: z.string().optional(),
    query: z.string().optional(),
    /** Shorthand for brand.any: keep only items that name one of these. */
    keywords: z.array(z.string()).default([]),
    /** Which items are about the brand: required, any-of and excluded terms, phrases, languages. */
    brand: brandQuerySchema.optional(),
    cron: z.string().default('0 * * * *'),
    timezone: z.string().default('UTC'),
    jitter_seconds: z.number().int().min(0).default(30),
    max_pages: z.number().int().positive().optional(),
    enabled: z.boolean().default(true),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/**
 * Several workers on PostgreSQL (README, "PostgreSQL: several workers"): crawl jobs go
 * through a pg-boss queue. SQLite ignores this section. Tests shrink these.
 */
export const queueSchema = z
  .object({
    /** A crawl running longer is stopped and its job retried; also how long a dead worker's job waits before another takes it. */
    job_timeout_seconds: z.number().int().min(1).max(86_400).default(900),
    /** Tries after the first for a job that failed or timed out. */
    retry_limit: z.number().int().min(0).max(100).default(3),
    /** Wait before such a retry. */
    retry_delay_seconds: z.number().int().min(0).default(30),
    /** How often an idle worker asks the queue for a job. */
    poll_seconds: z.number().min(0.5).default(2),
    /** How often the queue looks for timed-out jobs (one worker does it per interval). */
    maintenance_seconds: z.number().int().min(1).default(60),
    /** How often a worker tries to become the one that runs the cron schedule. */
    scheduler_check_seconds: z.number().min(0.5).default(5),
    /** An alert a worker took for sending comes due again after this, should the worker die before recording it. */
    delivery_lease_seconds: z.number().int().min(1).default(120),
    /** On SIGTERM, crawls in flight get this long to finish before they are stopped and their jobs handed back. */
    stop_grace_seconds: z.number().min(0).default(30),
  })
  .strict();

/** Where a score turns into a label, per language (src/analyze/engine.ts DEFAULT_THRESHOLDS when left out). */
const thresholdSchema = z
  .object({
    /** At or below this score a text is negative: closer to 0 flags more. */
    negative: z.number().min(-1).lt(0, 'must be below 0 (0 would flag every text without a sentiment word)').optional(),
    /** At or above this score a text is positive. */
    positive: z.number().gt(0, 'must be above 0').max(1).optional(),
  })
  .strict();

export const sentimentSchema = z
  .object({
    thresholds: z.object({ ru: thresholdSchema.optional(), en: thresholdSchema.optional() }).strict().default({}),
  })
  .strict();

export const configSchema = z
  .object({
    database: z.string().optional(),
    rules_dir: z.string().optional(),
    user_agent: z.string().default('repwatch/0.1 (+https://github.com/repwatch/repwatch)'),
    concurrency: z.number().int().min(1).max(32).default(2),
    max_pages: z.number().int().positive().default(50),
    request_timeout_seconds: z.number().positive().default(30),
    max_retries: z.number().int().min(0).max(10).default(2),
    /** Gap between two requests to one host, across all targets. */
    domain_delay_ms: z.number().int().min(0).default(1000),
    /** Per-host gaps, e.g. { "www.trustpilot.com": 3000 }. */
    domains: z.record(z.string(), z.number().int().min(0)).default({}),
    /** A Retry-After longer than this counts as being blocked. */
    max_retry_after_seconds: z.number().positive().default(120),
    proxies: z.array(z.url()).default([]),
    chromium_path: z.string().optional(),
    channels: z.array(channelBlockSchema).default([]),
    team: teamSchema.default({ members: [], assign: 'round_robin', known_customer_one_star_sla_hours: 4, vip_lifetime_value: 1000 }),
    alerts: watchSchema.default({ sla: true }),
    templates_file: z.string().optional(),
    targets: z.array(targetSchema).default([]),
    queue: queueSchema.prefault({}),
    sentiment: sentimentSchema.prefault({}),
  })
  .strict();

export type ConfigFile = z.infer<typeof configSchema>;
export type TargetConfig = z.infer<typeof targetSchema>;
export type TeamConfig = z.infer<typeof teamSchema>;
export type WatchConfig = z.infer<typeof watchSchema>;
export type QueueConfig = z.infer<typeof queueSchema>;
