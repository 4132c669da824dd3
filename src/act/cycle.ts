import type { Db } from '../store/db.ts';
import type { ResolvedChannel } from './channels/index.ts';
import { deliverOutbox, type DeliverResult } from './deliver.ts';
import { gatherDigests } from './digest.ts';
import { checkSla } from './watch.ts';

export interface CycleOptions {
  channels: readonly ResolvedChannel[];
  slaAlerts: boolean;
  now?: () => Date;
  write?: (line: string) => void;
}

/** One pass of the act stage's clock: overdue tasks alert, closed digest windows fold, the outbox goes out. */
export async function deliveryCycle(db: Db, options: CycleOptions): Promise<DeliverResult & { slaBreaches: number; digests: number }> {
  const now = options.now ?? (() => new Date());
  const names = options.channels.map((c) => c.name);
  const slaBreaches = options.slaAlerts ? checkSla(db, names, now()) : 0;
  const digests = gatherDigests(db, options.channels, now());
  const delivered = await deliverOutbox(db, { channels: options.channels, now, ...(options.write ? { write: options.write } : {}) });
  return { ...delivered, slaBreaches, digests };
}
