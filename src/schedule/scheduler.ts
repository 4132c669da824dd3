import cron, { type ScheduledTask } from 'node-cron';

export interface ScheduledTarget {
  id: string;
  cron: string;
  timezone: string;
  jitter_seconds: number;
}

export interface Scheduler {
  /** Targets whose crawl is running right now. */
  running(): ReadonlySet<string>;
  /** Stops the clocks, aborts crawls in flight and waits for them to record their state. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  onError?: (targetId: string, error: unknown) => void;
}

/** A skipped overlapping tick is the design, not news: node-cron's warnings would flood the worker's output. */
const quietLogger = { info: () => undefined, warn: () => undefined, debug: () => undefined, error: (m: string | Error) => process.stderr.write(`scheduler: ${String(m)}\n`) };

/**
 * One cron task per target in its own time zone, with random delay so many
 * targets on the same expression do not hit the network at the same second.
 * A target whose previous crawl still runs is skipped, not queued.
 */
export function startScheduler(
  list: readonly ScheduledTarget[],
  crawl: (targetId: string, signal: AbortSignal) => Promise<unknown>,
  options: SchedulerOptions = {},
): Scheduler {
  const controller = new AbortController();
  const inFlight = new Map<string, Promise<unknown>>();
  const tasks: ScheduledTask[] = list.map((t) =>
    cron.schedule(
      t.cron,
      async () => {
        if (inFlight.has(t.id) || controller.signal.aborted) return;
        const run = crawl(t.id, controller.signal).catch((e: unknown) => options.onError?.(t.id, e));
        inFlight.set(t.id, run);
        try {
          await run;
        } finally {
          inFlight.delete(t.id);
        }
      },
      { name: `repwatch:${t.id}`, timezone: t.timezone, noOverlap: true, maxRandomDelay: t.jitter_seconds * 1000, suppressMissedWarning: true, logger: quietLogger },
    ),
  );
  return {
    running: () => new Set(inFlight.keys()),
    async stop() {
      await Promise.all(tasks.map(async (task) => { await task.stop(); await task.destroy(); }));
      controller.abort();
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
