/**
 * trustpilot: a company's review page on Trustpilot,
 * https://www.trustpilot.com/review/<domain>?page=N&sort=recency (any country
 * subdomain works). The page is server-rendered by Next.js; the reviews are read
 * from its embedded `__NEXT_DATA__` JSON (props.pageProps.reviews and
 * filters.pagination), which is steadier than the hashed CSS class names.
 * Emits: id, review URL, author, rating (1–5), title, text, language, published
 * date, the company's reply, reviewer country, likes; next = the following page.
 */
import { z } from 'zod';
import type { ParsedMention } from '../src/crawl/mention.ts';
import { toIsoUtc } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult, type TargetSpec } from '../src/crawl/scraper.ts';
import { baseUrlOption, checkShape, isWebUrl, missingStructure, orNull, originOf, withParam } from './lib/review-source.ts';

const SITE = 'trustpilot';

export const trustpilotOptions = z
  .object({
    /** The company's domain as Trustpilot names it (`example.com`); else taken from the target url or query. */
    domain: z.string().min(1).optional(),
    base_url: baseUrlOption,
  })
  .strict();

export type TrustpilotOptions = z.infer<typeof trustpilotOptions>;

const reviewSchema = z.object({
  id: z.string().min(1),
  rating: z.number().int().min(1).max(5),
  title: z.string().nullish(),
  text: z.string().nullish(),
  language: z.string().nullish(),
  likes: z.number().nullish(),
  dates: z.object({
    publishedDate: z.string(),
    experiencedDate: z.string().nullish(),
    updatedDate: z.string().nullish(),
  }),
  consumer: z.object({
    displayName: z.string().nullish(),
    countryCode: z.string().nullish(),
  }),
  reply: z.object({ message: z.string(), publishedDate: z.string().nullish() }).nullish(),
  labels: z
    .object({ verification: z.object({ isVerified: z.boolean().nullish() }).nullish() })
    .nullish(),
});

const nextDataSchema = z.object({
  props: z.object({
    pageProps: z.object({
      pageUrl: z.string().nullish(),
      reviews: z.array(reviewSchema),
      filters: z
        .object({
          pagination: z.object({ currentPage: z.number().int(), totalPages: z.number().int() }).nullish(),
          selected: z.object({ sort: z.string().nullish() }).nullish(),
        })
        .nullish(),
    }),
  }),
});

type NextData = z.infer<typeof nextDataSchema>;
type Review = z.infer<typeof reviewSchema>;

const NEXT_DATA = /<script[^>]*\bid="__NEXT_DATA__"[^>]*>([\s\S]*?)<\/script>/;

/** The company domain: the option, else the /review/<domain> part of the target URL, else the query. */
function domainOf(target: TargetSpec, options: TrustpilotOptions): string | null {
  if (options.domain) return options.domain;
  const fromUrl = target.url ? /\/review\/([^/?#]+)/.exec(target.url)?.[1] : undefined;
  if (fromUrl) return fromUrl;
  return target.query?.trim() || null;
}

function readNextData(body: string): NextData | null {
  const script = NEXT_DATA.exec(body)?.[1];
  if (!script) return null;
  let data: unknown;
  try {
    data = JSON.parse(script);
  } catch (e) {
    throw new Error(`${SITE}: __NEXT_DATA__ is not valid JSON (${(e as Error).message})`);
  }
  return checkShape(SITE, data, nextDataSchema, '__NEXT_DATA__ (props.pageProps.reviews)');
}

function toMention(review: Review, origin: string): ParsedMention {
  return {
    externalId: review.id,
    url: `${origin}/reviews/${review.id}`,
    author: orNull(review.consumer.displayName),
    rating: review.rating,
    title: orNull(review.title),
    text: (review.text ?? '').trim(),
    lang: review.language ?? null,
    publishedAt: toIsoUtc(review.dates.publishedDate),
    reply: orNull(review.reply?.message),
    location: review.consumer.countryCode ?? null,
    metrics: { likes: review.likes ?? 0 },
    raw: {
      experiencedDate: review.dates.experiencedDate ?? null,
      updatedDate: review.dates.updatedDate ?? null,
      verified: review.labels?.verification?.isVerified ?? null,
      replyPublishedAt: review.reply?.publishedDate ?? null,
    },
  };
}

/**
 * The next page keeps the URL we were given (so mirrors keep working); a saved
 * file has no web URL, so the page's own canonical URL stands in.
 */
function nextPage(data: NextData, url: string): string[] {
  const props = data.props.pageProps;
  const pagination = props.filters?.pagination;
  if (!pagination || pagination.currentPage >= pagination.totalPages) return [];
  const base = isWebUrl(url) ? url : props.pageUrl;
  if (!base || !isWebUrl(base)) return [];
  const sorted = withParam(base, 'sort', props.filters?.selected?.sort ?? 'recency');
  return [withParam(sorted, 'page', pagination.currentPage + 1)];
}

export function parseTrustpilot(body: string, url: string): ParseResult {
  const data = readNextData(body);
  if (!data) return missingStructure(SITE, body, 'no __NEXT_DATA__ script on the page');
  const pageUrl = data.props.pageProps.pageUrl;
  const origin = isWebUrl(url) ? new URL(url).origin : pageUrl && isWebUrl(pageUrl) ? new URL(pageUrl).origin : 'https://www.trustpilot.com';
  return {
    mentions: data.props.pageProps.reviews.map((r) => toMention(r, origin)),
    next: nextPage(data, url),
  };
}

export const trustpilot = defineScraper({
  id: 'trustpilot',
  kind: 'review',
  engine: 'http',
  description: 'Trustpilot company reviews, newest first, from the page’s embedded Next.js data',
  options: trustpilotOptions,
  start: (target, options) => {
    const domain = domainOf(target, options);
    if (!domain) return [];
    return [`${originOf(options.base_url, 'https://www.trustpilot.com')}/review/${encodeURIComponent(domain)}?sort=recency`];
  },
  parse: (body, url) => parseTrustpilot(body, url),
});
