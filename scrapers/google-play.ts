/**
 * google-play: reviews of one of your own Android apps through the documented
 * Google Play Developer API (androidpublisher v3 `reviews.list`),
 * https://androidpublisher.googleapis.com/androidpublisher/v3/applications/<package>/reviews?access_token=…
 *
 * Why this form: it is the only documented, stable way to read Play reviews.
 * The store page renders reviews with obfuscated class names behind a
 * "See all reviews" dialog and an undocumented RPC, which breaks without
 * notice. The API's limits, which the config must live with: it covers only
 * apps of the Play Console account the OAuth token belongs to, and only
 * reviews created or edited in the last week (crawl at least daily).
 * The OAuth 2.0 token (scope androidpublisher) comes from the env var named in
 * `token_env` and goes in an Authorization header, never in the URL.
 * Pages are chained by tokenPagination.nextPageToken (`token=`).
 * Emits: review id, author, rating 1–5, text (original language when Google
 * translated it), language, last-modified date, the developer's reply, app
 * version, thumbs up/down.
 */
import { z } from 'zod';
import { toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult } from '../src/crawl/scraper.ts';
import { baseUrlOption, orNull, originOf, readJson, withParam } from './lib/review-source.ts';

const SITE = 'google-play';

export const googlePlayOptions = z
  .object({
    /** The app's package name (com.example.app); else the id= of a play.google.com target url. */
    package: z.string().regex(/^[\w.]+$/).optional(),
    /** Env var holding an OAuth 2.0 access token with the androidpublisher scope. */
    token_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).default('GOOGLE_PLAY_TOKEN'),
    /** Language the API should translate reviews into; the original text is kept anyway. */
    translation_language: z.string().optional(),
    base_url: baseUrlOption,
  })
  .strict();

export type GooglePlayOptions = z.infer<typeof googlePlayOptions>;

/** protobuf Timestamp as JSON: seconds is an int64, so it may come as a string. */
const timestamp = z.object({ seconds: z.union([z.string(), z.number()]), nanos: z.number().optional() });

const commentSchema = z.object({
  userComment: z
    .object({
      text: z.string().nullish(),
      originalText: z.string().nullish(),
      lastModified: timestamp.nullish(),
      starRating: z.number().int().nullish(),
      reviewerLanguage: z.string().nullish(),
      appVersionName: z.string().nullish(),
      thumbsUpCount: z.number().nullish(),
      thumbsDownCount: z.number().nullish(),
    })
    .optional(),
  developerComment: z.object({ text: z.string().nullish(), lastModified: timestamp.nullish() }).optional(),
});

const responseSchema = z.object({
  reviews: z
    .array(z.object({ reviewId: z.string().min(1), authorName: z.string().nullish(), comments: z.array(commentSchema).default([]) }))
    .default([]),
  tokenPagination: z.object({ nextPageToken: z.string().nullish() }).nullish(),
});

type Review = z.infer<typeof responseSchema>['reviews'][number];

function toMs(ts: z.infer<typeof timestamp> | null | undefined): number | null {
  if (!ts) return null;
  const seconds = Number(ts.seconds);
  return Number.isFinite(seconds) ? seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1e6) : null;
}

function toMention(review: Review, packageName: string | null): ParsedMention | null {
  const user = review.comments.find((c) => c.userComment)?.userComment;
  if (!user) return null;
  const reply = review.comments.find((c) => c.developerComment)?.developerComment;
  const stars = user.starRating;
  const ms = toMs(user.lastModified);
  return {
    externalId: review.reviewId,
    url: packageName ? `https://play.google.com/store/apps/details?id=${packageName}&reviewId=${encodeURIComponent(review.reviewId)}` : null,
    author: orNull(review.authorName),
    rating: typeof stars === 'number' && stars >= 1 && stars <= 5 ? stars : null,
    title: null,
    // originalText is set only when the API translated the review; the reviewer's own words come first.
    text: (user.originalText ?? user.text ?? '').trim(),
    lang: user.reviewerLanguage?.split(/[-_]/)[0] ?? null,
    publishedAt: ms === null ? null : toIsoUtc(ms),
    reply: orNull(reply?.text),
    metrics: { thumbs_up: user.thumbsUpCount ?? 0, thumbs_down: user.thumbsDownCount ?? 0 },
    raw: { appVersion: user.appVersionName ?? null, replyAt: toIsoUtc(toMs(reply?.lastModified)) },
  };
}

export function parseGooglePlay(body: string, url: string): ParseResult {
  const data = readJson(SITE, body, responseSchema, 'the reviews.list response');
  const packageName = /\/applications\/([\w.]+)\/reviews/.exec(url)?.[1] ?? null;
  const token = data.tokenPagination?.nextPageToken;
  return {
    mentions: data.reviews.map((r) => toMention(r, packageName)).filter((m): m is ParsedMention => m !== null),
    next: token && /^https?:/.test(url) ? [withParam(url, 'token', token)] : [],
  };
}

export const googlePlay = defineScraper({
  id: 'google-play',
  kind: 'review',
  engine: 'http',
  description: 'Google Play reviews of your own app via the Play Developer API (last 7 days, OAuth token)',
  options: googlePlayOptions,
  start: (target, options) => {
    const pkg = options.package ?? (target.url ? /[?&]id=([\w.]+)/.exec(target.url)?.[1] : undefined);
    if (!pkg) return [];
    const url = new URL(`${originOf(options.base_url, 'https://androidpublisher.googleapis.com')}/androidpublisher/v3/applications/${pkg}/reviews`);
    url.searchParams.set('maxResults', '100');
    if (options.translation_language) url.searchParams.set('translationLanguage', options.translation_language);
    return [url.toString()];
  },
  credentials: (options) => [options.token_env],
  headers: (options, env) => ({ authorization: `Bearer ${env[options.token_env] ?? ''}` }),
  parse: (body, url) => parseGooglePlay(body, url),
});
