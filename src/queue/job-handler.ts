import type PgBoss from 'pg-boss';
import type { ResolvedTarget } from '../config/load.ts';
import type { ProgressSink } from '../pipeline/run-target.ts';
import { crawlTargets, markTargetRunsInterrupted, type Worker } from '../pipeline/worker.ts';
import { lockKeys } from './connection.ts';
import type { CrawlJobData } from './crawl-queue.ts';
import type { SessionLocks } from './locks.ts';

export interface JobHandlerOptions {
  worker: Worker;
  targets: ReadonlyMap<string, ResolvedTarget>;
  locks: SessionLocks;
  /** repwatch's schema: part of each target's lock key. */
  schema: string;
  timeoutMs: number;
  deliver(): Promise<unknown>;
  log(line: string): void;
  progress?: ProgressSink;
}

export type JobOutcome = { skipped: string } | { target: string; run: number; health: string; pages: number };

export interface CrawlJobs {
  handle(job: PgBoss.Job<CrawlJobData>): Promise<JobOutcome>;
  /** Targets this worker is crawling now. */
  running(): ReadonlySet<string>;
  /** Stops these crawls (they record `interrupted`, their jobs fail and are retried elsewhere). */
  abort(targetIds: Iterable<string>, reason: string): void;
  /** Waits up to `graceMs` for the crawls in flight, then stops the rest and waits for them to record their state. */
  drain(graceMs: number): Promise<void>;
}

/**
 * One job = one crawl of one target, then a delivery pass. A target is
 * crawled by one worker at a time: the handler holds the target's session
 * lock for the whole crawl, and a job that finds it taken (a cron tick that
 * came while the last crawl still runs, or a retry racing a slow crawl)
 * is done without crawling, as the single worker skips an overlapping tick.
 */
export function createJobHandler(o: JobHandlerOptions): CrawlJobs {
  const inFlight = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  async function crawl(target: ResolvedTarget, controller: AbortController): Promise<JobOutcome> {
    const key = lockKeys.target(o.schema, target.id);
    if (!(await o.locks.tryLock(key))) return { skipped: `${target.id} is being crawled by another worker` };
    const timer = setTimeout(() => controller.abort(new Error(`the crawl took longer than queue.job_timeout_seconds (${o.timeoutMs / 1000} s)`)), o.timeoutMs);
    try {
      // Holding the lock, no one else crawls this target: a run still marked running died with its worker.
      markTargetRunsInterrupted(o.worker.db, target.id, o.worker.deps.now().toISOString());
      const [result] = await crawlTargets(o.worker, [target], { concurrency: 1, signal: controller.signal, ...(o.progress ? { progress: o.progress } : {}) });
      if (controller.signal.aborted) {
        // Failing the job hands it back to the queue: another worker (or this one) resumes where the crawl stopped.
        const why = controller.signal.reason instanceof Error ? controller.signal.reason.message : String(controller.signal.reason);
        throw new Error(`${target.id}: crawl stopped: ${why}; the job goes back to the queue`);
      }
      await o.deliver();
      return { target: target.id, run: result?.runId ?? 0, health: result?.health ?? 'unknown', pages: result?.pages ?? 0 };
    } finally {
      clearTimeout(timer);
      await o.locks.unlock(key).catch((e: unknown) => o.log(`${target.id}: could not release its crawl lock (${(e as Error).message}); it goes when the lock connection closes`));
    }
  }

  return {
    async handle(job) {
      const id = job.data?.target;
      const target = id === undefined ? undefined : o.targets.get(id);
      if (!target) {
        o.log(`queue: job ${job.id} is for target "${id}", which is not an enabled target in ${o.worker.config.file}; dropped`);
        return { skipped: `unknown target "${id}"` };
      }
      // Session locks are re-entrant: two jobs of one target in this process must be told apart here.
      if (inFlight.has(target.id)) return { skipped: `${target.id} is being crawled by this worker` };
      const controller = new AbortController();
      const done = crawl(target, controller);
      inFlight.set(target.id, { controller, done });
      try {
        return await done;
      } finally {
        inFlight.delete(target.id);
      }
    },
    running: () => new Set(inFlight.keys()),
    abort(ids, reason) {
      for (const id of ids) inFlight.get(id)?.controller.abort(new Error(reason));
    },
    async drain(graceMs) {
      const all = () => Promise.allSettled([...inFlight.values()].map((f) => f.done));
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
      const first = await Promise.race([all(), graceOver]);
      clearTimeout(timer);
      if (first === 'late') {
        this.abort(inFlight.keys(), `the worker is stopping and queue.stop_grace_seconds (${graceMs / 1000} s) ran out`);
        await all();
      }
    },
  };
}
