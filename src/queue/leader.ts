import type { SessionLocks } from './locks.ts';

export interface Leadership {
  isLeader(): boolean;
  /** Stops what the leader runs and lets the lock go, so a standby takes over at its next check. */
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  locks: SessionLocks;
  key: string;
  everyMs: number;
  /** Starts the leader's work; called each time this worker becomes leader. */
  lead(): { stop(): Promise<void> };
  log(line: string): void;
}

/**
 * One scheduler among N workers: every worker tries a session advisory lock
 * every few seconds; the holder runs the schedule. When it dies its
 * connection drops, the server frees the lock, and the next standby to try
 * gets it. A leader whose lock connection broke stops leading at once.
 */
export function startLeadership(o: LeadershipOptions): Leadership {
  let running: { stop(): Promise<void> } | null = null;
  let standbyLogged = false;
  let lastError = '';
  let stopping = false;

  const tick = async () => {
    if (running && !o.locks.isHeld(o.key)) {
      o.log(`scheduler: worker ${process.pid} lost the scheduler lock (its connection dropped); stopping the schedule`);
      const was = running;
      running = null;
      await was.stop();
    }
    if (running || stopping) return;
    let got = false;
    try {
      got = await o.locks.tryLock(o.key);
      lastError = '';
    } catch (e) {
      const message = (e as Error).message;
      if (message !== lastError) o.log(`scheduler: cannot ask for the scheduler lock: ${message}; trying again in ${o.everyMs / 1000} s`);
      lastError = message;
      return;
    }
    if (got && !stopping) {
      running = o.lead();
      standbyLogged = false;
      o.log(`scheduler: worker ${process.pid} runs the schedule`);
    } else if (got) {
      await o.locks.unlock(o.key);
    } else if (!standbyLogged) {
      standbyLogged = true;
      o.log(`scheduler: another worker runs the schedule; worker ${process.pid} stands by`);
    }
  };

  // Ticks never overlap: each waits for the one before.
  let chain: Promise<void> = tick();
  const timer = setInterval(() => {
    chain = chain.then(tick, tick);
  }, o.everyMs);

  return {
    isLeader: () => running !== null,
    async stop() {
      stopping = true;
      clearInterval(timer);
      await chain.catch(() => undefined);
      if (running) {
        await running.stop();
        running = null;
        await o.locks.unlock(o.key).catch(() => undefined);
        o.log(`scheduler: worker ${process.pid} let the schedule go`);
      }
    },
  };
}
