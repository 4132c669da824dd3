/**
 * 2gis: reviews of one 2GIS branch (firm) from the public reviews API the 2GIS
 * site itself calls,
 * https://public-api.reviews.2gis.com/2.0/branches/<id>/reviews?limit=50&sort_by=date_created&…
 * The response pages by cursor: meta.next_link is the full URL of the older
 * page (with offset_date), absent on the last one.
 * Emits: review id, author, rating 1–5, text, creation date, the official
 * (owner's) answer, likes and comments counts; next = meta.next_link.
 */
import { z } from 'zod';
import { toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult } from '../src/crawl/scraper.ts';
import { baseUrlOption, orNull, originOf, readJson, rebase } from './lib/review-source.ts';

const SITE = '2gis';

export const twoGisOptions = z
  .object({
    /** The branch (firm) id from a 2gis.ru/<city>/firm/<id> URL; else taken from the target url. */
    branch_id: z.string().regex(/^\d+$/).optional(),
    /** Env var holding the public key the 2GIS web client sends; the API refuses some requests without one. */
    api_key_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    locale: z.string().default('ru_RU'),
    base_url: baseUrlOption,
  })
  .strict();

export type TwoGisOptions = z.infer<typeof twoGisOptions>;

const reviewSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  rating: z.number().nullish(),
  text: z.string().nullish(),
  date_created: z.string(),
  date_edited: z.string().nullish(),
  url: z.string().nullish(),
  likes_count: z.number().nullish(),
  comments_count: z.number().nullish(),
  user: z.object({ name: z.string().nullish() }).nullish(),
  official_answer: z.object({ text: z.string().nullish(), date_created: z.string().nullish() }).nullish(),
});

const responseSchema = z.object({
  meta: z.object({
    code: z.number().optional(),
    next_link: z.string().nullish(),
    total_count: z.number().nullish(),
  }),
  reviews: z.array(reviewSchema),
});

type Review = z.infer<typeof reviewSchema>;

function toMention(review: Review, branchId: string | null): ParsedMention {
  const rating = review.rating;
  return {
    externalId: review.id,
    url: review.url ?? (branchId ? `https://2gis.ru/firm/${branchId}/tab/reviews` : null),
    author: orNull(review.user?.name),
    rating: typeof rating === 'number' && rating >= 1 && rating <= 5 ? rating : null,
    title: null,
    text: (review.text ?? '').trim(),
    lang: null,
    publishedAt: toIsoUtc(review.date_created),
    reply: orNull(review.official_answer?.text),
    metrics: { likes: review.likes_count ?? 0, comments: review.comments_count ?? 0 },
    raw: { editedAt: toIsoUtc(review.date_edited), replyAt: toIsoUtc(review.official_answer?.date_created) },
  };
}

export function parseTwoGis(body: string, url: string, options: Pick<TwoGisOptions, 'base_url'> = {}): ParseResult {
  const data = readJson(SITE, body, responseSchema, 'the reviews response (meta, reviews[])');
  const branchId = /\/branches\/(\d+)\//.exec(url)?.[1] ?? null;
  const next = data.meta.next_link;
  return {
    mentions: data.reviews.map((r) => toMention(r, branchId)),
    // The API hands back its own host; a mirror has to keep serving the following pages.
    next: next && data.reviews.length > 0 ? [rebase(new URL(next, url).toString(), options.base_url)] : [],
  };
}

export const twoGis = defineScraper({
  id: '2gis',
  kind: 'map',
  engine: 'http',
  description: '2GIS branch reviews from the public reviews API, newest first',
  options: twoGisOptions,
  // A key that is named must be there; the API's next_link carries it on to the older pages.
  credentials: (options) => (options.api_key_env ? [options.api_key_env] : []),
  start: (target, options, env) => {
    const branchId = options.branch_id ?? (target.url ? /\/firm\/(\d+)/.exec(target.url)?.[1] : undefined);
    if (!branchId) return [];
    const url = new URL(`${originOf(options.base_url, 'https://public-api.reviews.2gis.com')}/2.0/branches/${branchId}/reviews`);
    url.searchParams.set('limit', '50');
    url.searchParams.set('sort_by', 'date_created');
    url.searchParams.set('locale', options.locale);
    const key = options.api_key_env ? env?.[options.api_key_env] : undefined;
    if (key) url.searchParams.set('key', key);
    return [url.toString()];
  },
  parse: (body, url, options) => parseTwoGis(body, url, options),
});
