import { and, eq, lt } from 'drizzle-orm';
import { createAnalyzer } from '../analyze/index.ts';
import { findChromium } from '../crawl/browser.ts';
import { createDomainLimiter } from '../crawl/politeness.ts';
import { createSharedDomainLimiter } from '../crawl/shared-politeness.ts';
import type { Config, ResolvedTarget } from '../config/load.ts';
import { loadTemplates } from '../act/templates.ts';
import { checkTargetAlerts } from '../act/watch.ts';
import { loadRules } from '../rules/load.ts';
import { openDb, type Db } from '../store/db.ts';
import { isPostgresClient } from '../store/pg/database.ts';
import { crawlRuns, targets } from '../store/schema.ts';
import { findScraper } from '../../scrapers/index.ts';
import type { PipelineDeps } from './ingest.ts';
import { runTarget, type CrawlSettings, type ProgressSink, type TargetRunResult } from './run-target.ts';

export interface Worker {
  config: Config;
  db: Db;
  deps: PipelineDeps;
  settings: CrawlSettings;
}

export interface WorkerOptions {
  now?: () => Date;
  env?: Readonly<Record<string, string | undefined>>;
}

/** Keeps the targets table in step with the config, so health and runs have a row to hang on. */
export function syncTargets(db: Db, list: readonly ResolvedTarget[]): void {
  db.transaction((tx) => {
    for (const t of list) {
      tx.insert(targets)
        .values({ id: t.id, source: t.source, name: t.name ?? null, url: t.url ?? t.query ?? null })
        .onConflictDoUpdate({ target: targets.id, set: { source: t.source, name: t.name ?? null, url: t.url ?? t.query ?? null } })
        .run();
    }
  });
}

const INTERRUPTED = { status: 'interrupted', error: 'the worker stopped during this crawl' } as const;

/**
 * A run still marked running at start-up was cut short by a crash or a kill.
 * With `startedBefore`, only runs older than that: on PostgreSQL other workers
 * may be crawling right now, and a run older than the job timeout has been
 * stopped by its own worker or lost with it.
 */
export function markInterruptedRuns(db: Db, at: string, startedBefore?: string): number {
  const running = eq(crawlRuns.status, 'running');
  const where = startedBefore ? and(running, lt(crawlRuns.startedAt, startedBefore)) : running;
  return db.update(crawlRuns).set({ ...INTERRUPTED, finishedAt: at }).where(where).run().changes;
}

/** For a worker that holds the target's crawl lock: any run of it still marked running belonged to a worker that died. */
export function markTargetRunsInterrupted(db: Db, targetId: string, at: string): number {
  return db
    .update(crawlRuns)
    .set({ ...INTERRUPTED, finishedAt: at })
    .where(and(eq(crawlRuns.status, 'running'), eq(crawlRuns.targetId, targetId)))
    .run().changes;
}

export function createWorker(config: Config, dbPath: string, options: WorkerOptions = {}): Worker {
  const now = options.now ?? (() => new Date());
  const channels = new Set(config.channels.map((c) => c.name));
  // Rules load before the database opens: a broken rule file must not leave half-started state.
  const rules = loadRules(config.rulesDir, { channels });
  const templates = loadTemplates(config.templatesFile);
  const db = openDb(dbPath);
  const cutoff = isPostgresClient(db.$client) ? new Date(now().getTime() - config.queue.job_timeout_seconds * 1000).toISOString() : undefined;
  markInterruptedRuns(db, now().toISOString(), cutoff);
  syncTargets(db, config.targets);
  const env = options.env ?? process.env;
  return {
    config,
    db,
    deps: {
      db,
      analyzer: createAnalyzer({ thresholds: config.sentiment.thresholds }),
      rules,
      channels: config.channels.map(({ name, digest, instant }) => ({ name, digest, instant })),
      followUp: { team: config.team, templates },
      now,
    },
    settings: {
      maxPages: config.max_pages,
      userAgent: config.user_agent,
      timeoutSecs: config.request_timeout_seconds,
      maxRetries: config.max_retries,
      chromiumPath: findChromium(env.REPWATCH_CHROMIUM ?? config.chromium_path),
      // On PostgreSQL the gaps hold across every worker of the install, not per process.
      limiter: isPostgresClient(db.$client)
        ? createSharedDomainLimiter(db.$client, { delayMs: config.domain_delay_ms, perHost: config.domains })
        : createDomainLimiter({ delayMs: config.domain_delay_ms, perHost: config.domains }),
      proxyUrls: config.proxies,
      maxRetryAfterMs: config.max_retry_after_seconds * 1000,
      env,
    },
  };
}

/** Crawls the given targets, a few at a time; one failing target never stops the others. */
export async function crawlTargets(
  worker: Worker,
  list: readonly ResolvedTarget[],
  options: { concurrency?: number; progress?: ProgressSink & { targetDone?(r: TargetRunResult, done: number, total: number): void }; signal?: AbortSignal } = {},
): Promise<TargetRunResult[]> {
  const queue = [...list];
  const results: TargetRunResult[] = [];
  const runOne = async () => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      if (options.signal?.aborted) return;
      const scraper = findScraper(t.source);
      if (!scraper) continue; // loadConfig already refused unknown sources
      const result = await runTarget(worker.deps, t, scraper, worker.settings, options.progress, options.signal);
      checkTargetAlerts(worker.db, worker.config.alerts, worker.deps.channels.map((c) => c.name), t.id, worker.deps.now());
      results.push(result);
      options.progress?.targetDone?.(result, results.length, list.length);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? worker.config.concurrency, list.length));
  await Promise.all(Array.from({ length: lanes }, runOne));
  return results;
}
