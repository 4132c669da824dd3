import PgBoss from 'pg-boss';
import type { QueueConfig } from '../config/schema.ts';
import { StorageError } from '../store/errors.ts';
import type { QueueLocation } from './connection.ts';

export const CRAWL_QUEUE = 'repwatch-crawl';

export interface CrawlJobData {
  target: string;
}

export interface EnqueueResult {
  target: string;
  /** False when the target was already waiting on the queue. */
  queued: boolean;
  jobId: string | null;
}

export interface CrawlQueue {
  enqueue(targetIds: readonly string[]): Promise<EnqueueResult[]>;
  /** `lanes` independent pollers, one job each: a job is acknowledged as soon as it is done, not with a batch. */
  work(lanes: number, handler: (job: PgBoss.Job<CrawlJobData>) => Promise<unknown>): Promise<void>;
  /** Stops fetching; jobs in flight keep running. */
  stopFetching(): Promise<void>;
  /** Closes the pool; a job still active is failed, so another worker retries it. */
  close(): Promise<void>;
}

export interface OpenQueueOptions {
  /** Workers look after expired jobs; `repwatch enqueue` only sends. */
  supervise: boolean;
  onError(error: Error): void;
}

/**
 * The pg-boss queue of crawl jobs. Policy `short`: at most one job per target
 * waits in the queue (singletonKey = target id, a second send returns null).
 * That one worker at a time crawls a target is a lock the job handler takes
 * (see job-handler.ts), not the `stately` policy: in pg-boss 10, a stately job
 * queued while its key is active makes every fetch fail on a unique index
 * until the active one ends, which stalls the whole queue behind one slow crawl.
 */
export async function openCrawlQueue(where: QueueLocation, q: QueueConfig, options: OpenQueueOptions): Promise<CrawlQueue> {
  const boss = await startBoss(where, q, options);
  const workers: string[] = [];
  return {
    async enqueue(ids) {
      const out: EnqueueResult[] = [];
      for (const target of ids) {
        // Per job, so a changed config applies to new jobs even though the queue row was created earlier.
        const jobId = await boss.send(CRAWL_QUEUE, { target } satisfies CrawlJobData, { singletonKey: target, ...jobOptions(q) });
        out.push({ target, queued: jobId !== null, jobId });
      }
      return out;
    },
    async work(lanes, handler) {
      for (let i = 0; i < lanes; i++) {
        workers.push(
          await boss.work<CrawlJobData>(CRAWL_QUEUE, { batchSize: 1, pollingIntervalSeconds: q.poll_seconds }, async ([job]) => (job ? handler(job) : undefined)),
        );
      }
    },
    async stopFetching() {
      await Promise.all(workers.splice(0).map((id) => boss.offWork({ id })));
    },
    async close() {
      await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
    },
  };
}

function jobOptions(q: QueueConfig) {
  return { expireInSeconds: q.job_timeout_seconds, retryLimit: q.retry_limit, retryDelay: q.retry_delay_seconds };
}

/** Workers started together race to create pg-boss's schema; the losers hit a deadlock or a duplicate and try again. */
const START_RACES = new Set(['40P01', '23505', '42P06', '42710']);
const START_ATTEMPTS = 6;

async function startBoss(where: QueueLocation, q: QueueConfig, options: OpenQueueOptions): Promise<PgBoss> {
  for (let attempt = 1; ; attempt++) {
    const boss = new PgBoss({
      connectionString: where.connectionString,
      schema: where.bossSchema,
      max: 3,
      application_name: `repwatch-queue:${process.pid}`,
      // repwatch's own cron (node-cron, one scheduler worker) decides when a target is due.
      schedule: false,
      supervise: options.supervise,
      maintenanceIntervalSeconds: q.maintenance_seconds,
      pollingIntervalSeconds: q.poll_seconds,
    });
    boss.on('error', options.onError);
    try {
      await boss.start();
      await boss.createQueue(CRAWL_QUEUE, { name: CRAWL_QUEUE, policy: 'short', ...jobOptions(q) });
      return boss;
    } catch (cause) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      const code = String((cause as { code?: unknown }).code ?? '');
      if (START_RACES.has(code) && attempt < START_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400 * attempt));
        continue;
      }
      throw new StorageError(`cannot open the crawl queue (pg-boss schema ${where.bossSchema}) in ${where.display}: ${(cause as Error).message}; is PostgreSQL up and may this user create schemas?`, where.display, { cause });
    }
  }
}
