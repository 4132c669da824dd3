/**
 * yandex-maps: reviews of one organization on Yandex Maps,
 * https://yandex.ru/maps/org/<slug>/<id>/reviews/, rendered in Chromium (the
 * list is built by JavaScript). Each review is a `.business-review-view` block
 * with schema.org microdata: author `[itemprop=author] [itemprop=name]`
 * (or `.business-review-view__author-name`), rating
 * `[itemprop=reviewRating] [itemprop=ratingValue]` (or the lit
 * `.business-rating-badge-view__star._full` stars), date
 * `[itemprop=datePublished]`, text `.business-review-view__body-text`, and the
 * organization's answer in `.business-review-comment-content__bubble`.
 * Older reviews load on scroll, not by URL, so there is no next page: the
 * first screen (newest first with sort by date) is what each crawl sees.
 * Emits: review id (the block's own id, else a hash), author, rating 1–5,
 * text, published date, owner reply.
 */
import { createHash } from 'node:crypto';
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { z } from 'zod';
import { toFiveStars, toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult } from '../src/crawl/scraper.ts';
import { baseUrlOption, cleanText, missingStructure, orNull, originOf, parseRuDate, rebase } from './lib/review-source.ts';

const SITE = 'yandex-maps';
const REVIEW = '.business-review-view';

export const yandexMapsOptions = z
  .object({
    /** The organization id (the number in /maps/org/<slug>/<id>/); else the target url is used. */
    org_id: z.string().regex(/^\d+$/).optional(),
    base_url: baseUrlOption,
  })
  .strict();

export type YandexMapsOptions = z.infer<typeof yandexMapsOptions>;

function pick($: CheerioAPI, scope: AnyNode, selectors: string[]): string | null {
  for (const s of selectors) {
    const value = orNull($(scope).find(s).first().text());
    if (value) return value;
  }
  return null;
}

/** Microdata names its scale (bestRating); anything but 5 is converted so every source reads 1–5. */
function ratingOf($: CheerioAPI, item: AnyNode): number | null {
  const rating = $(item).find('[itemprop=reviewRating]').first();
  const value = Number(rating.find('[itemprop=ratingValue]').first().attr('content'));
  const best = Number(rating.find('[itemprop=bestRating]').first().attr('content')) || 5;
  if (value > 0 && value <= best) return best === 5 ? Math.max(1, value) : toFiveStars(value, best);
  const lit = $(item).find('.business-rating-badge-view__star._full').length;
  return lit >= 1 && lit <= 5 ? lit : null;
}

function dateOf($: CheerioAPI, item: AnyNode): string | null {
  const meta = $(item).find('[itemprop=datePublished]').first();
  return toIsoUtc(meta.attr('content') ?? null) ?? parseRuDate(meta.text() || $(item).find('.business-review-view__date').first().text());
}

/** Yandex does not always expose a review id in the markup; author, date and opening words are stable. */
function idOf($: CheerioAPI, item: AnyNode, author: string | null, date: string | null, text: string): string {
  const own = $(item).attr('data-review-id') ?? $(item).find('[data-review-id]').first().attr('data-review-id');
  if (own) return own;
  return createHash('sha1').update(`${author ?? ''}\n${date ?? ''}\n${text.slice(0, 200)}`).digest('hex').slice(0, 20);
}

function toMention($: CheerioAPI, item: AnyNode, pageUrl: string): ParsedMention {
  const author = pick($, item, ['[itemprop=author] [itemprop=name]', '.business-review-view__author-name']);
  const publishedAt = dateOf($, item);
  const text = cleanText($(item).find('.business-review-view__body-text, [itemprop=reviewBody]').first().text());
  return {
    externalId: idOf($, item, author, publishedAt, text),
    url: pageUrl,
    author,
    rating: ratingOf($, item),
    title: null,
    text,
    lang: null,
    publishedAt,
    reply: pick($, item, ['.business-review-comment-content__bubble', '.business-review-view__response-text']),
  };
}

export function parseYandexMaps(body: string, url: string): ParseResult {
  const $ = load(body);
  const items = $(REVIEW).toArray();
  if (items.length === 0) {
    // An organization without reviews still renders the reviews card, just empty.
    if ($('.business-reviews-card-view').length > 0) return { mentions: [], next: [] };
    return missingStructure(SITE, body, `no reviews card (.business-reviews-card-view) or ${REVIEW} blocks on the page`);
  }
  return { mentions: items.map((item) => toMention($, item, url)), next: [] };
}

export const yandexMaps = defineScraper({
  id: 'yandex-maps',
  kind: 'map',
  engine: 'browser',
  description: 'Yandex Maps organization reviews from the rendered reviews tab (first screen, newest first)',
  options: yandexMapsOptions,
  start: (target, options) => {
    if (options.org_id) return [`${originOf(options.base_url, 'https://yandex.ru')}/maps/org/${options.org_id}/reviews/`];
    return target.url ? [rebase(target.url, options.base_url)] : [];
  },
  parse: (body, url) => parseYandexMaps(body, url),
  waitFor: () => `${REVIEW}, .business-reviews-card-view`,
});
