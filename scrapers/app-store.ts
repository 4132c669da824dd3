/**
 * app-store: App Store customer reviews of one app from Apple's public RSS feed
 * in JSON, https://itunes.apple.com/<country>/rss/customerreviews/page=N/id=<appId>/sortby=mostrecent/json
 * (pages 1–10, 50 reviews each, newest first). Old feeds put the app itself as
 * the first entry; entries without im:rating are skipped. A page with a single
 * review carries `entry` as an object rather than an array.
 * Emits: review id, author, rating 1–5, title, text, updated date, app version,
 * vote counts, the store country as location; next = page N+1 up to the last.
 */
import { z } from 'zod';
import { toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult } from '../src/crawl/scraper.ts';
import { baseUrlOption, isWebUrl, orNull, originOf, readJson } from './lib/review-source.ts';

const SITE = 'app-store';
/** Apple serves at most ten pages of this feed. */
const MAX_PAGE = 10;

export const appStoreOptions = z
  .object({
    /** The numeric App Store id (apps.apple.com/…/id<digits>); else taken from the target url. */
    app_id: z.string().regex(/^\d+$/).optional(),
    /** Two-letter storefront; reviews are per country. */
    country: z.string().regex(/^[a-z]{2}$/i).default('us'),
    base_url: baseUrlOption,
  })
  .strict();

export type AppStoreOptions = z.infer<typeof appStoreOptions>;

const label = z.object({ label: z.string() });

const entrySchema = z.object({
  id: label,
  'im:rating': label.optional(),
  author: z.object({ name: label, uri: label.optional() }).optional(),
  title: label.optional(),
  content: label.optional(),
  updated: label.optional(),
  'im:version': label.optional(),
  'im:voteSum': label.optional(),
  'im:voteCount': label.optional(),
  link: z.unknown().optional(),
});

const linkSchema = z.object({ attributes: z.object({ rel: z.string().optional(), href: z.string() }) });

const feedSchema = z.object({
  feed: z.object({
    // One entry comes as an object, none as a missing key.
    entry: z.union([z.array(entrySchema), entrySchema]).optional(),
    link: z.union([z.array(linkSchema), linkSchema]).optional(),
  }),
});

type Entry = z.infer<typeof entrySchema>;

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function count(value: { label: string } | undefined): number {
  const n = Number(value?.label);
  return Number.isFinite(n) ? n : 0;
}

function toMention(entry: Entry, country: string | null, appUrl: string | null): ParsedMention | null {
  const rating = Number(entry['im:rating']?.label);
  // The app's own entry (old feeds) has no rating: it is not a review.
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) return null;
  return {
    externalId: entry.id.label,
    url: appUrl,
    author: orNull(entry.author?.name.label),
    rating,
    title: orNull(entry.title?.label),
    text: (entry.content?.label ?? '').trim(),
    lang: null,
    publishedAt: toIsoUtc(entry.updated?.label),
    location: country,
    metrics: { vote_sum: count(entry['im:voteSum']), vote_count: count(entry['im:voteCount']) },
    raw: { version: entry['im:version']?.label ?? null },
  };
}

const PAGE = /\/page=(\d+)\//;

/** Page N+1 of the same feed URL, while the feed says there is one (and never past 10). */
function nextPage(url: string, links: z.infer<typeof linkSchema>[], hadReviews: boolean): string[] {
  const self = links.find((l) => l.attributes.rel === 'self')?.attributes.href;
  const base = isWebUrl(url) ? url : self;
  const page = base ? Number(PAGE.exec(base)?.[1]) : NaN;
  if (!base || !Number.isInteger(page) || !hadReviews) return [];
  const lastHref = links.find((l) => l.attributes.rel === 'last')?.attributes.href;
  const last = Math.min(MAX_PAGE, Number(lastHref ? PAGE.exec(lastHref)?.[1] : MAX_PAGE) || MAX_PAGE);
  return page < last ? [base.replace(PAGE, `/page=${page + 1}/`)] : [];
}

export function parseAppStore(body: string, url: string): ParseResult {
  const data = readJson(SITE, body, feedSchema, 'the customer-reviews feed (feed.entry)');
  const links = asArray(data.feed.link);
  // A saved feed has a file: URL; its self link says which store and app it is.
  const feedUrl = isWebUrl(url) ? url : links.find((l) => l.attributes.rel === 'self')?.attributes.href;
  const country = feedUrl ? (/^\/([a-z]{2})\/rss\//i.exec(new URL(feedUrl).pathname)?.[1]?.toLowerCase() ?? null) : null;
  const appId = feedUrl ? /\/id=(\d+)\//.exec(feedUrl)?.[1] : undefined;
  const appUrl = appId ? `https://apps.apple.com/${country ?? 'us'}/app/id${appId}` : null;
  const mentions = asArray(data.feed.entry)
    .map((e) => toMention(e, country, appUrl))
    .filter((m): m is ParsedMention => m !== null);
  return { mentions, next: nextPage(url, links, mentions.length > 0) };
}

export const appStore = defineScraper({
  id: 'app-store',
  kind: 'review',
  engine: 'http',
  description: 'App Store customer reviews (public RSS JSON feed, newest first, up to 10 pages)',
  options: appStoreOptions,
  start: (target, options) => {
    const appId = options.app_id ?? (target.url ? /\/id(\d+)/.exec(target.url)?.[1] : undefined);
    if (!appId) return [];
    const origin = originOf(options.base_url, 'https://itunes.apple.com');
    return [`${origin}/${options.country.toLowerCase()}/rss/customerreviews/page=1/id=${appId}/sortby=mostrecent/json`];
  },
  parse: (body, url) => parseAppStore(body, url),
});
