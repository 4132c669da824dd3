import { eq, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { isPostgresClient } from '../store/pg/database.ts';
import { outbox, tasks } from '../store/schema.ts';
import { createSender, DeliveryError, type ResolvedChannel, type Sender, type SendResult } from './channels/index.ts';

export interface DeliverOptions {
  channels: readonly ResolvedChannel[];
  now?: () => Date;
  /** Where the `log` channel writes. */
  write?: (line: string) => void;
  limit?: number;
  /**
   * How long a row taken for sending stays invisible to other workers; should
   * this worker die before recording the answer, the row comes due again after
   * it and is resent under the same Idempotency-Key. 0 (the default) takes no
   * lease: one process delivers (SQLite, `repwatch crawl`), and a restart after
   * a kill resends at once (test/act/crash-delivery.test.ts). Cooperating
   * workers on PostgreSQL pass queue.delivery_lease_seconds.
   */
  leaseMs?: number;
}

export interface DeliverResult {
  sent: number;
  failed: number;
  dead: number;
  pending: number;
}

const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 10 * 60_000;
/** A payload a receiver keeps rejecting (4xx) is parked after this many tries, never dropped silently. */
const MAX_REJECTED_ATTEMPTS = 5;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

/** Rows taken per claim: few, so the last of them is sent well within the lease even when each waits out a channel timeout. */
const CLAIM_BATCH = 5;

type OutboxRow = typeof outbox.$inferSelect;

export interface ClaimOptions {
  now: Date;
  leaseMs: number;
  limit: number;
  /** Channels already found down in this pass: their rows stay for the next one. */
  skipChannels?: readonly string[];
}

/**
 * Takes the oldest due rows in ONE statement that also pushes their
 * next_attempt_at past the lease, so a concurrent worker neither sees them
 * (PostgreSQL: `for update skip locked` passes over rows another transaction
 * is claiming) nor gets them again until the lease runs out. With a zero lease
 * the rows are left as they are (SQLite, one process).
 */
export function claimDue(db: Db, o: ClaimOptions): OutboxRow[] {
  const at = o.now.toISOString();
  const skip = o.skipChannels?.length ? sql`and ${notInArray(outbox.channel, [...o.skipChannels])}` : sql``;
  const lock = isPostgresClient(db.$client) ? sql`for update skip locked` : sql``;
  const due = sql`select ${outbox.id} from ${outbox} where ${outbox.status} = 'pending' and ${outbox.nextAttemptAt} <= ${at} ${skip} order by ${outbox.id} limit ${o.limit} ${lock}`;
  const until = o.leaseMs > 0 ? new Date(o.now.getTime() + o.leaseMs).toISOString() : sql`${outbox.nextAttemptAt}`;
  const rows = db.update(outbox).set({ nextAttemptAt: until }).where(sql`${outbox.id} in (${due})`).returning().all();
  return rows.sort((a, b) => a.id - b.id);
}

type Attempt = { ok: true; result: SendResult | void } | { ok: false; error: DeliveryError };

async function attempt(send: Sender | undefined, row: OutboxRow): Promise<Attempt> {
  if (!send) return { ok: false, error: new DeliveryError(`channel "${row.channel}" is not in the config; add it back or the alert stays queued`, row.channel, true) };
  try {
    return { ok: true, result: await send({ idempotencyKey: row.idempotencyKey, kind: row.kind, payload: row.payload }) };
  } catch (e) {
    return { ok: false, error: e instanceof DeliveryError ? e : new DeliveryError(`channel ${row.channel}: ${String(e)}`, row.channel, true, null, { cause: e }) };
  }
}

/** One try of one row, recorded: sent, or rescheduled with backoff, or parked as dead. */
async function sendRow(db: Db, send: Sender | undefined, row: OutboxRow, now: () => Date): Promise<{ counted: 'sent' | 'failed' | 'dead'; down?: DeliveryError }> {
  const attempts = row.attempts + 1;
  const outcome = await attempt(send, row);
  if (outcome.ok) {
    const ticket = outcome.result;
    db.transaction((tx) => {
      tx.update(outbox).set({ status: 'sent', attempts, sentAt: now().toISOString(), lastError: null }).where(eq(outbox.id, row.id)).run();
      const taskId = typeof row.payload.task_id === 'number' ? row.payload.task_id : null;
      if (ticket?.ticketId && taskId !== null) {
        tx.update(tasks).set({ ticketId: ticket.ticketId, ticketUrl: ticket.ticketUrl ?? null }).where(eq(tasks.id, taskId)).run();
      }
    });
    return { counted: 'sent' };
  }
  const { error } = outcome;
  const dead = !error.retryable && attempts >= MAX_REJECTED_ATTEMPTS;
  const delay = Math.max(backoffMs(attempts), error.retryAfterMs ?? 0);
  db.update(outbox)
    .set({ status: dead ? 'dead' : 'pending', attempts, lastError: error.message, nextAttemptAt: new Date(now().getTime() + delay).toISOString() })
    .where(eq(outbox.id, row.id))
    .run();
  return { counted: dead ? 'dead' : 'failed', ...(error.retryable ? { down: error } : {}) };
}

/**
 * Sends what is due in the outbox, oldest first. A row is marked sent only
 * after the receiver said 2xx; a crash in between resends it with the same
 * Idempotency-Key, which the receiver uses to drop the repeat.
 */
export async function deliverOutbox(db: Db, options: DeliverOptions): Promise<DeliverResult> {
  const now = options.now ?? (() => new Date());
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const senders = new Map<string, Sender>();
  for (const c of options.channels) {
    const sender = createSender(c, { write });
    if (sender) senders.set(c.name, sender);
  }
  const leaseMs = options.leaseMs ?? 0;
  const limit = options.limit ?? 1000;
  const result: DeliverResult = { sent: 0, failed: 0, dead: 0, pending: 0 };
  const downChannels = new Map<string, DeliveryError>();

  for (let taken = 0; taken < limit; ) {
    const claimed = claimDue(db, { now: now(), leaseMs, limit: Math.min(CLAIM_BATCH, limit - taken), skipChannels: [...downChannels.keys()] });
    if (claimed.length === 0) break;
    taken += claimed.length;
    for (const row of claimed) {
      // Once a channel is down in this pass, the rest of its rows wait for the next one: hand them back now, not after the lease.
      if (downChannels.has(row.channel)) {
        if (leaseMs > 0) db.update(outbox).set({ nextAttemptAt: now().toISOString() }).where(eq(outbox.id, row.id)).run();
        continue;
      }
      const outcome = await sendRow(db, senders.get(row.channel), row, now);
      if (outcome.down) downChannels.set(row.channel, outcome.down);
      result[outcome.counted]++;
    }
  }
  result.pending = db.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.status, 'pending')).get()?.n ?? 0;
  return result;
}
