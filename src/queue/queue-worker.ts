import type { ResolvedTarget } from '../config/load.ts';
import type { ProgressSink } from '../pipeline/run-target.ts';
import type { Worker } from '../pipeline/worker.ts';
import { startScheduler } from '../schedule/scheduler.ts';
import { lockKeys, queueLocation } from './connection.ts';
import { CRAWL_QUEUE, openCrawlQueue } from './crawl-queue.ts';
import { createJobHandler } from './job-handler.ts';
import { startLeadership } from './leader.ts';
import { SessionLocks } from './locks.ts';

export interface QueueWorkerOptions {
  worker: Worker;
  /** The repwatch database URL (postgres://…?schema=…). */
  location: string;
  targets: readonly ResolvedTarget[];
  deliver(): Promise<unknown>;
  log(line: string): void;
  progress?: ProgressSink;
}

export interface QueueWorker {
  /** Graceful: no new jobs, the crawls in flight finish (up to queue.stop_grace_seconds), the locks go, the pool closes. */
  stop(): Promise<void>;
}

/**
 * `repwatch run` on PostgreSQL: one of N cooperating workers. Every worker
 * takes crawl jobs from the queue (config.concurrency at a time); the one
 * holding the scheduler lock also runs the cron schedule, which only puts
 * due targets on the queue.
 */
/** pg-boss reports a failing poll on every poll: while PostgreSQL is away, say so once a minute, not every second. */
function quiet(log: (line: string) => void): (e: Error) => void {
  let last = '';
  let at = 0;
  return (e) => {
    const message = e.message.replace(/ \(Queue: .*\)$/, '');
    if (message === last && Date.now() - at < 60_000) return;
    last = message;
    at = Date.now();
    log(`queue: ${message}`);
  };
}

export async function startQueueWorker(o: QueueWorkerOptions): Promise<QueueWorker> {
  const q = o.worker.config.queue;
  const where = queueLocation(o.location);
  const queue = await openCrawlQueue(where, q, { supervise: true, onError: quiet(o.log) });
  const locks = new SessionLocks(where.connectionString, (held, error) => {
    o.log(`locks: the lock connection of worker ${process.pid} dropped (${error.message}); stopping the crawls it guarded, their jobs will be retried`);
    jobs.abort(
      o.targets.filter((t) => held.includes(lockKeys.target(where.schema, t.id))).map((t) => t.id),
      'the crawl lock was lost with its connection',
    );
  });
  const jobs = createJobHandler({
    worker: o.worker,
    targets: new Map(o.targets.map((t) => [t.id, t])),
    locks,
    schema: where.schema,
    timeoutMs: q.job_timeout_seconds * 1000,
    deliver: o.deliver,
    log: o.log,
    ...(o.progress ? { progress: o.progress } : {}),
  });
  const leadership = startLeadership({
    locks,
    key: lockKeys.scheduler(where.schema),
    everyMs: q.scheduler_check_seconds * 1000,
    log: o.log,
    lead: () =>
      startScheduler(
        o.targets,
        async (id) => {
          const [r] = await queue.enqueue([id]);
          if (r && !r.queued) o.log(`${id}: due, and still waiting on the queue from before`);
        },
        { onError: (id, e) => o.log(`${id}: could not queue its crawl: ${(e as Error).message}`) },
      ),
  });
  await queue.work(o.worker.config.concurrency, (job) => jobs.handle(job));
  o.log(`repwatch: worker ${process.pid}: watching ${o.targets.length} target(s); queue ${CRAWL_QUEUE} in ${where.bossSchema}, ${o.worker.config.concurrency} crawl(s) at a time; database ${where.display}; Ctrl-C to stop`);

  return {
    async stop() {
      await leadership.stop();
      await queue.stopFetching();
      const running = jobs.running().size;
      if (running > 0) o.log(`repwatch: worker ${process.pid}: waiting for ${running} crawl(s) in flight (up to ${q.stop_grace_seconds} s)`);
      await jobs.drain(q.stop_grace_seconds * 1000);
      await queue.close();
      await locks.close();
    },
  };
}
