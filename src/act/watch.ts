import { and, avg, count, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { WatchConfig } from '../config/schema.ts';
import type { Db } from '../store/db.ts';
import { analyses, mentions, outbox, tasks } from '../store/schema.ts';
import type { RatingDropPayload, SlaBreachPayload, VolumePayload } from './payloads.ts';

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;

function queue(tx: Tx, channels: readonly string[], key: string, kind: string, payload: object, at: string): number {
  let queued = 0;
  for (const channel of channels) {
    queued += tx
      .insert(outbox)
      .values({ idempotencyKey: `${key}:${channel}`, channel, kind, payload: payload as Record<string, unknown>, nextAttemptAt: at, createdAt: at })
      .onConflictDoNothing()
      .run().changes;
  }
  return queued;
}

/** Tasks past their due time with no contact yet: one alert each, once. */
export function checkSla(db: Db, channels: readonly string[], now: Date): number {
  const at = now.toISOString();
  const overdue = db
    .select({ task: tasks, mention: mentions })
    .from(tasks)
    .innerJoin(mentions, eq(mentions.id, tasks.mentionId))
    .where(and(inArray(tasks.status, ['open', 'in_progress']), lt(tasks.dueAt, at), isNull(tasks.slaAlertedAt)))
    .all();
  db.transaction((tx) => {
    for (const { task, mention: m } of overdue) {
      const payload: SlaBreachPayload = {
        task_id: task.id,
        due_at: task.dueAt,
        priority: task.priority,
        status: task.status,
        mention: { id: m.id, source: m.source, target: m.targetId, url: m.url, author: m.author, rating: m.rating, title: m.title, text: m.text, published_at: m.publishedAt },
      };
      queue(tx, channels, `sla:${task.id}`, 'sla_breach', payload, at);
      tx.update(tasks).set({ slaAlertedAt: at }).where(eq(tasks.id, task.id)).run();
    }
  });
  return overdue.length;
}

/** Negative here means a rating of 2 or less, or negative text without a rating. */
const isNegative = or(lte(mentions.rating, 2), and(isNull(mentions.rating), eq(analyses.label, 'negative')));

/**
 * Alerts about a target as a whole, after each of its crawls: a burst of
 * negatives within a window, and the average rating falling against the
 * window before. Each fires once per window.
 */
export function checkTargetAlerts(db: Db, watch: WatchConfig, channels: readonly string[], targetId: string, now: Date): number {
  const at = now.toISOString();
  let queued = 0;
  db.transaction((tx) => {
    if (watch.volume) {
      const windowMs = watch.volume.window_hours * 3_600_000;
      const since = new Date(now.getTime() - windowMs).toISOString();
      const negatives =
        tx
          .select({ n: sql<number>`count(distinct ${mentions.id})` })
          .from(mentions)
          .leftJoin(analyses, eq(analyses.mentionId, mentions.id))
          .where(and(eq(mentions.targetId, targetId), gte(mentions.firstSeenAt, since), isNegative))
          .get()?.n ?? 0;
      if (negatives >= watch.volume.negatives) {
        const payload: VolumePayload = { target: targetId, negatives, window_hours: watch.volume.window_hours, threshold: watch.volume.negatives };
        queued += queue(tx, channels, `volume:${targetId}:${Math.floor(now.getTime() / windowMs)}`, 'volume', payload, at);
      }
    }
    if (watch.rating_drop) {
      const windowMs = watch.rating_drop.window_hours * 3_600_000;
      const average = (from: Date, to: Date) =>
        tx
          .select({ avg: avg(mentions.rating), n: count(mentions.rating) })
          .from(mentions)
          .where(and(eq(mentions.targetId, targetId), gte(mentions.publishedAt, from.toISOString()), lt(mentions.publishedAt, to.toISOString())))
          .get();
      const current = average(new Date(now.getTime() - windowMs), now);
      const before = average(new Date(now.getTime() - 2 * windowMs), new Date(now.getTime() - windowMs));
      const min = watch.rating_drop.min_reviews;
      if (current && before && current.n >= min && before.n >= min) {
        const drop = Number(before.avg) - Number(current.avg);
        if (drop >= watch.rating_drop.drop) {
          const payload: RatingDropPayload = { target: targetId, average_before: Math.round(Number(before.avg) * 100) / 100, average_now: Math.round(Number(current.avg) * 100) / 100, drop: Math.round(drop * 100) / 100 };
          queued += queue(tx, channels, `rating_drop:${targetId}:${Math.floor(now.getTime() / windowMs)}`, 'rating_drop', payload, at);
        }
      }
    }
  });
  return queued;
}
