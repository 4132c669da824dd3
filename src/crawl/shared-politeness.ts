import { hostOf, realSleep, type DomainLimiter, type LimiterOptions } from './politeness.ts';

/** The part of a database connection this needs: one synchronous statement. */
export interface SlotStore {
  prepare(sql: string): { get(...args: unknown[]): unknown };
}

// The database's clock, one reading per statement, not each worker's: workers
// on several hosts disagree by more than a politeness gap, their server does not.
const NOW_MS = '(extract(epoch from statement_timestamp()) * 1000)::bigint';

const RESERVE = `insert into host_slots (host, next_at) values (?, ${NOW_MS} + ?)
  on conflict (host) do update set next_at = greatest(host_slots.next_at, ${NOW_MS}) + excluded.next_at - ${NOW_MS}
  returning next_at - ${NOW_MS} as wait_ms, next_at`;

const PAUSE = `insert into host_slots (host, next_at) values (?, ${NOW_MS} + ?)
  on conflict (host) do update set next_at = greatest(host_slots.next_at, excluded.next_at)`;

/**
 * The per-host delay and Retry-After pauses of src/crawl/politeness.ts, shared
 * by every worker on one PostgreSQL database: each request reserves the next
 * slot of its host in one statement (an upsert on host_slots, serialized by the
 * row lock), so N workers crawling targets on one site ask it no more often
 * than one worker would.
 */
export function createSharedDomainLimiter(store: SlotStore, options: LimiterOptions): DomainLimiter {
  const sleep = options.sleep ?? realSleep;
  const reserve = store.prepare(RESERVE);
  const pause = store.prepare(PAUSE);
  return {
    async wait(url, signal) {
      const host = hostOf(url);
      const gap = options.perHost?.[host] ?? options.delayMs;
      const row = reserve.get(host, gap) as { wait_ms: number };
      // The slot reserved starts `gap` before next_at.
      await sleep(Math.max(0, row.wait_ms - gap), signal);
    },
    pause(url, ms) {
      pause.get(hostOf(url), ms);
    },
  };
}
