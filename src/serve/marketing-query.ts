import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { mentions } from '../store/schema.ts';
import { safeHttpUrl } from './safe-url.ts';

export type MarketingState = 'candidate' | 'approved' | 'hidden';

const visible = (state: MarketingState) => and(eq(mentions.marketing, state), eq(mentions.removed, false), isNull(mentions.duplicateOf));

/** Reviews in one marketing state, newest first (index mentions_marketing). */
export function marketingReviews(db: Db, state: MarketingState, limit: number, offset: number) {
  const total = db.select({ n: count() }).from(mentions).where(visible(state)).get()?.n ?? 0;
  const rows = db
    .select({ id: mentions.id, source: mentions.source, target: mentions.targetId, url: mentions.url, author: mentions.author, rating: mentions.rating, title: mentions.title, text: mentions.text, location: mentions.location, published_at: mentions.publishedAt, marketing: mentions.marketing })
    .from(mentions)
    .where(visible(state))
    .orderBy(desc(mentions.publishedAt), desc(mentions.id))
    .limit(limit)
    .offset(offset)
    .all();
  return { total, items: rows.map((r) => ({ ...r, url: safeHttpUrl(r.url) })) };
}

export type PublicReview = ReturnType<typeof marketingReviews>['items'][number];

export class MarketingError extends Error {
  override name = 'MarketingError';
}

/** Approve puts a review on the company site; hide keeps it off; both only for real, present reviews. */
export function setMarketing(db: Db, id: number, state: 'approved' | 'hidden' | 'candidate'): void {
  const row = db.select({ id: mentions.id, removed: mentions.removed }).from(mentions).where(eq(mentions.id, id)).get();
  if (!row) throw new MarketingError(`no mention ${id}`);
  if (row.removed && state === 'approved') throw new MarketingError(`mention ${id} was removed from its site and cannot be shown`);
  db.update(mentions).set({ marketing: state }).where(eq(mentions.id, id)).run();
}

let cached: { at: number; value: { rating_value: number | null; review_count: number } } | null = null;

/**
 * The aggregate over every rated review, not only the approved ones: an
 * AggregateRating of hand-picked 5-star reviews would mislead readers (and
 * search engines' rules forbid it). Cached a minute: it scans the whole history.
 */
export function aggregateRating(db: Db, now: Date): { rating_value: number | null; review_count: number } {
  if (cached && now.getTime() - cached.at < 60_000) return cached.value;
  const row = db.$client.prepare('select avg(rating) as avg, count(rating) as n from mentions where removed = 0 and duplicate_of is null and published_at is not null').get() as { avg: number | null; n: number };
  cached = { at: now.getTime(), value: { rating_value: row.avg === null ? null : Math.round(row.avg * 10) / 10, review_count: row.n } };
  return cached.value;
}

export function resetAggregateCache(): void {
  cached = null;
}
