import { hostname } from 'node:os';
import { and, count, desc, eq, gte, sum } from 'drizzle-orm';
import { crawlTarget, type CrawlRequest, type CrawlResult, type StopReason } from '../crawl/crawl-target.ts';
import { BlockedError } from '../crawl/errors.ts';
import type { DomainLimiter } from '../crawl/politeness.ts';
import type { AnyScraper } from '../crawl/scraper.ts';
import type { ResolvedTarget } from '../config/load.ts';
import { markUnseenRemoved } from '../store/mentions.ts';
import { crawlRuns, mentions, outbox, targets } from '../store/schema.ts';
import { addCounts, emptyCounts, ingestPage, type IngestCounts, type PipelineDeps } from './ingest.ts';

/** This process, as crawl_runs.worker names it. */
const WORKER = `${hostname()}:${process.pid}`;

export type Health = 'ok' | 'blocked' | 'layout_changed' | 'error';

export interface CrawlSettings {
  maxPages: number;
  userAgent: string;
  timeoutSecs: number;
  maxRetries: number;
  chromiumPath: string | null;
  limiter?: DomainLimiter;
  proxyUrls?: string[];
  maxRetryAfterMs?: number;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface TargetRunResult extends IngestCounts {
  targetId: string;
  runId: number;
  pages: number;
  stop: StopReason;
  health: Health;
  removed: number;
  error: string | null;
}

export interface ProgressSink {
  page?(targetId: string, pages: number, counts: IngestCounts): void;
}

function healthOf(errors: readonly Error[], pages: number, firstPageItems: number | null, hadItems: boolean): Health {
  if (errors.some((e) => e instanceof BlockedError)) return 'blocked';
  if (errors.length > 0 && pages === 0) return 'error';
  // A page that used to yield items and now yields none: the markup moved under our selectors.
  if (firstPageItems === 0 && hadItems) return 'layout_changed';
  return errors.length > 0 ? 'error' : 'ok';
}

/** Pages fetched today, UTC, by every target of this source: what an API's daily quota counts. */
function requestsToday(db: PipelineDeps['db'], source: string, now: Date): number {
  const day = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
  const row = db
    .select({ n: sum(crawlRuns.pages) })
    .from(crawlRuns)
    .innerJoin(targets, eq(targets.id, crawlRuns.targetId))
    .where(and(eq(targets.source, source), gte(crawlRuns.startedAt, day)))
    .get();
  return Number(row?.n ?? 0);
}

const FINISHED: readonly string[] = ['end', 'known', 'max_pages'];

/** The target's last crawl stopped before reading all it meant to (killed, or an error on a later page). */
export function previousRunUnfinished(db: PipelineDeps['db'], targetId: string): boolean {
  const last = db.select({ status: crawlRuns.status, stop: crawlRuns.stopReason }).from(crawlRuns).where(eq(crawlRuns.targetId, targetId)).orderBy(desc(crawlRuns.id)).limit(1).get();
  if (!last) return false;
  return last.status === 'interrupted' || last.status === 'running' || (last.stop !== null && !FINISHED.includes(last.stop));
}

/** One crawl of one target through the whole pipeline, recorded as a crawl run. */
export async function runTarget(
  deps: PipelineDeps,
  target: ResolvedTarget,
  scraper: AnyScraper,
  settings: CrawlSettings,
  progress: ProgressSink = {},
  signal?: AbortSignal,
): Promise<TargetRunResult> {
  const { db } = deps;
  const startedAt = deps.now().toISOString();
  const quota = scraper.dailyQuota?.(target.scraperOptions);
  const left = quota === undefined ? Infinity : quota - requestsToday(db, scraper.id, deps.now());
  // A crawl cut short (killed, failed mid-way) never reached the older pages: this one reads past known items to the end.
  const resume = previousRunUnfinished(db, target.id);
  const runId = db.insert(crawlRuns).values({ targetId: target.id, startedAt, worker: WORKER }).returning({ id: crawlRuns.id }).get().id;
  const hadItems = (db.select({ n: count() }).from(mentions).where(eq(mentions.targetId, target.id)).get()?.n ?? 0) > 0;
  const counts = emptyCounts();
  let firstPageItems: number | null = null;
  let pages = 0;

  const request: CrawlRequest = {
    scraper,
    options: target.scraperOptions,
    target: { id: target.id, url: target.url, query: target.query, keywords: target.keywords },
    maxPages: Math.min(target.max_pages ?? settings.maxPages, left),
    userAgent: settings.userAgent,
    timeoutSecs: settings.timeoutSecs,
    maxRetries: settings.maxRetries,
    chromiumPath: settings.chromiumPath,
    limiter: settings.limiter,
    proxyUrls: settings.proxyUrls,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    env: settings.env,
    signal,
    onPage: ({ index, result }) => {
      if (index === 0) firstPageItems = result.mentions.length;
      const page = ingestPage(deps, { id: target.id, source: scraper.id, matches: target.matches }, result.mentions);
      addCounts(counts, page);
      pages++;
      db.update(crawlRuns).set({ pages, itemsSeen: counts.seen, itemsNew: counts.new, itemsChanged: counts.changed }).where(eq(crawlRuns.id, runId)).run();
      progress.page?.(target.id, pages, counts);
      return { allKnown: !resume && page.new === 0 && page.changed === 0 };
    },
  };
  const crawl: CrawlResult =
    left <= 0
      ? { pages: 0, stop: 'error', errors: [new BlockedError(`the daily quota of ${quota} requests for ${scraper.id} is used up; crawls resume after 00:00 UTC`, target.id, '')] }
      : await crawlTarget(request);

  const health = healthOf(crawl.errors, crawl.pages, firstPageItems, hadItems);
  const error = crawl.errors.map((e) => e.message).join('; ') || (health === 'layout_changed' ? 'the first page yielded no items' : null);
  const finishedAt = deps.now().toISOString();
  const removed = crawl.stop === 'end' && health === 'ok' ? markUnseenRemoved(db, target.id, startedAt, finishedAt) : 0;

  db.transaction((tx) => {
    tx.update(crawlRuns)
      .set({
        finishedAt,
        status: crawl.stop === 'aborted' ? 'interrupted' : health,
        pages: crawl.pages,
        itemsSeen: counts.seen,
        itemsNew: counts.new,
        itemsChanged: counts.changed,
        stopReason: crawl.stop,
        error,
      })
      .where(eq(crawlRuns.id, runId))
      .run();
    const before = tx.select({ health: targets.health }).from(targets).where(eq(targets.id, target.id)).get();
    tx.update(targets)
      .set({ health, lastCrawlAt: finishedAt, lastError: error, ...(health === 'ok' ? { lastOkAt: finishedAt } : {}) })
      .where(eq(targets.id, target.id))
      .run();
    if (before && before.health !== health && before.health !== 'unknown') {
      for (const { name: channel } of deps.channels) {
        tx.insert(outbox)
          .values({
            idempotencyKey: `health:${target.id}:${runId}:${channel}`,
            channel,
            kind: 'source_health',
            payload: { target: target.id, source: scraper.id, from: before.health, to: health, error },
            nextAttemptAt: finishedAt,
            createdAt: finishedAt,
          })
          .run();
      }
    }
  });
  return { ...counts, targetId: target.id, runId, pages: crawl.pages, stop: crawl.stop, health, removed, error };
}
