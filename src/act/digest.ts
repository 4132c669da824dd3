import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { outbox } from '../store/schema.ts';
import type { DigestPayload, MentionFlaggedPayload } from './payloads.ts';

/** The end of the UTC hour or day that `at` falls in: when its digest goes out. */
export function digestWindowEnd(every: 'hourly' | 'daily', at: Date): Date {
  const end = new Date(at);
  if (every === 'hourly') end.setUTCMinutes(60, 0, 0);
  else end.setUTCHours(24, 0, 0, 0);
  return end;
}

/**
 * Folds the digest rows whose window has closed into one `digest` row per
 * channel and window, in one transaction: the members are marked `digested`
 * and the new row is delivered like any alert, so a crash never sends a
 * digest twice nor loses an item.
 */
export function gatherDigests(db: Db, routes: readonly { name: string; digest: 'off' | 'hourly' | 'daily' }[], now: Date): number {
  const due = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), eq(outbox.digest, true), lte(outbox.nextAttemptAt, now.toISOString())))
    .orderBy(asc(outbox.id))
    .all();
  const groups = new Map<string, typeof due>();
  for (const row of due) {
    const key = `${row.channel}\u0000${row.nextAttemptAt}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  db.transaction((tx) => {
    for (const rows of groups.values()) {
      const first = rows[0];
      if (!first) continue;
      const to = first.nextAttemptAt;
      // A channel switched back to instant since still gets what it was promised as a digest.
      const every = routes.find((r) => r.name === first.channel)?.digest === 'daily' ? 'daily' : 'hourly';
      const from = new Date(new Date(to).getTime() - (every === 'hourly' ? 3_600_000 : 86_400_000)).toISOString();
      const payload: DigestPayload = { window: { from, to, every }, items: rows.map((r) => r.payload as unknown as MentionFlaggedPayload) };
      tx.insert(outbox)
        .values({ idempotencyKey: `digest:${first.channel}:${to}`, channel: first.channel, kind: 'digest', payload: payload as unknown as Record<string, unknown>, nextAttemptAt: now.toISOString(), createdAt: now.toISOString() })
        .onConflictDoNothing()
        .run();
      for (const r of rows) tx.update(outbox).set({ status: 'digested', sentAt: now.toISOString() }).where(eq(outbox.id, r.id)).run();
    }
  });
  return groups.size;
}
