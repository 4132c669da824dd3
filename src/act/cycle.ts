import type { Db } from '../store/db.ts';
import { isPostgresClient } from '../store/pg/database.ts';
import type { ResolvedChannel } from './channels/index.ts';
import { deliverOutbox, type DeliverResult } from './deliver.ts';
import { gatherDigests } from './digest.ts';
import { checkSla } from './watch.ts';

export interface CycleOptions {
  channels: readonly ResolvedChannel[];
  slaAlerts: boolean;
  now?: () => Date;
  write?: (line: string) => void;
  /** See DeliverOptions.leaseMs. */
  leaseMs?: number;
}

/**
 * Runs `fn` in one worker at a time on PostgreSQL (a transaction-scoped
 * advisory lock, dropped at commit); a worker that finds it taken skips this
 * pass, the holder does the work for everyone. Folding a digest reads its
 * members and then marks them: two workers doing it at once could each fold
 * a different set under the one idempotency key and lose the difference.
 */
function oneWorkerAtATime(db: Db, fn: () => { slaBreaches: number; digests: number }): { slaBreaches: number; digests: number } {
  const client = db.$client;
  if (!isPostgresClient(client)) return fn();
  return db.transaction(() => {
    const row = client.prepare('select pg_try_advisory_xact_lock(hashtextextended(?, 0)) as ok').get(`repwatch:act-clock:${client.schema}`) as { ok: number | boolean } | undefined;
    return row?.ok ? fn() : { slaBreaches: 0, digests: 0 };
  });
}

/** One pass of the act stage's clock: overdue tasks alert, closed digest windows fold, the outbox goes out. */
export async function deliveryCycle(db: Db, options: CycleOptions): Promise<DeliverResult & { slaBreaches: number; digests: number }> {
  const now = options.now ?? (() => new Date());
  const names = options.channels.map((c) => c.name);
  const { slaBreaches, digests } = oneWorkerAtATime(db, () => ({
    slaBreaches: options.slaAlerts ? checkSla(db, names, now()) : 0,
    digests: gatherDigests(db, options.channels, now()),
  }));
  const delivered = await deliverOutbox(db, {
    channels: options.channels,
    now,
    ...(options.write ? { write: options.write } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
  });
  return { ...delivered, slaBreaches, digests };
}
