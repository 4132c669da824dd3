import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { outbox, tasks } from '../store/schema.ts';
import { createSender, DeliveryError, type ResolvedChannel, type Sender, type SendResult } from './channels/index.ts';

export interface DeliverOptions {
  channels: readonly ResolvedChannel[];
  now?: () => Date;
  /** Where the `log` channel writes. */
  write?: (line: string) => void;
  limit?: number;
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

type Attempt = { ok: true; result: SendResult | void } | { ok: false; error: DeliveryError };

async function attempt(send: Sender | undefined, row: typeof outbox.$inferSelect): Promise<Attempt> {
  if (!send) return { ok: false, error: new DeliveryError(`channel "${row.channel}" is not in the config; add it back or the alert stays queued`, row.channel, true) };
  try {
    return { ok: true, result: await send({ idempotencyKey: row.idempotencyKey, kind: row.kind, payload: row.payload }) };
  } catch (e) {
    return { ok: false, error: e instanceof DeliveryError ? e : new DeliveryError(`channel ${row.channel}: ${String(e)}`, row.channel, true, null, { cause: e }) };
  }
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
  const due = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now().toISOString())))
    .orderBy(asc(outbox.id))
    .limit(options.limit ?? 1000)
    .all();
  const result: DeliverResult = { sent: 0, failed: 0, dead: 0, pending: 0 };
  const downChannels = new Map<string, DeliveryError>();

  for (const row of due) {
    // Once a channel is down in this pass, the rest of its rows wait for the next one.
    if (downChannels.has(row.channel)) continue;
    const attempts = row.attempts + 1;
    const send = senders.get(row.channel);
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
      result.sent++;
      continue;
    }
    const { error } = outcome;
    if (error.retryable) downChannels.set(row.channel, error);
    const dead = !error.retryable && attempts >= MAX_REJECTED_ATTEMPTS;
    const delay = Math.max(backoffMs(attempts), error.retryAfterMs ?? 0);
    db.update(outbox)
      .set({
        status: dead ? 'dead' : 'pending',
        attempts,
        lastError: error.message,
        nextAttemptAt: new Date(now().getTime() + delay).toISOString(),
      })
      .where(eq(outbox.id, row.id))
      .run();
    if (dead) result.dead++;
    else result.failed++;
  }
  result.pending = db.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.status, 'pending')).get()?.n ?? 0;
  return result;
}
