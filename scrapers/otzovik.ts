/**
 * otzovik: the review list of one product or company on Otzovik,
 * https://otzovik.com/reviews/<slug>/ and older pages /reviews/<slug>/<N>/,
 * newest first. Otzovik serves windows-1251; the crawler and `repwatch parse`
 * decode it before parsing. Each review is a schema.org Review block
 * (`.review-list-chunk .item`): author `[itemprop=author] [itemprop=name]`,
 * rating in `.rating-score` (or the "Общий рейтинг: N" title), date in
 * `.review-postdate[content]`, title `a.review-title`, pros/cons
 * `.review-plus`/`.review-minus`, teaser `.review-teaser`, the full review at
 * `review_<id>.html`. Otzovik has no owner replies in the list.
 * Emits: review id, review URL, author, rating 1–5, title, pros + cons + teaser
 * as text, published date, author location, comment count; next = pager link.
 */
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { z } from 'zod';
import type { ParsedMention } from '../src/crawl/mention.ts';
import { toIsoUtc } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult } from '../src/crawl/scraper.ts';
import { absoluteUrl, baseUrlOption, cleanText, isWebUrl, missingStructure, orNull, originOf, parseRuDate, rebase, trailingNumber } from './lib/review-source.ts';

const SITE = 'otzovik';

export const otzovikOptions = z
  .object({
    /** The part after /reviews/ in the product's URL; else the target url is used as is. */
    slug: z.string().min(1).optional(),
    base_url: baseUrlOption,
  })
  .strict();

export type OtzovikOptions = z.infer<typeof otzovikOptions>;

function text($: CheerioAPI, scope: AnyNode, selector: string): string | null {
  return orNull($(scope).find(selector).first().text());
}

/** The score is shown as a number; the title "Общий рейтинг: 4" is the fallback, then the lit stars. */
function ratingOf($: CheerioAPI, item: AnyNode): number | null {
  const candidates = [
    $(item).find('.rating-score').first().text(),
    $(item).find('[itemprop=ratingValue]').first().attr('content'),
    $(item).find('.product-rating').first().attr('title')?.match(/(\d)\s*$/)?.[1],
  ];
  for (const c of candidates) {
    const n = Number.parseInt((c ?? '').trim(), 10);
    if (n >= 1 && n <= 5) return n;
  }
  const lit = $(item).find('.product-rating .icon-star.on, .product-rating .star.on').length;
  return lit >= 1 && lit <= 5 ? lit : null;
}

function dateOf($: CheerioAPI, item: AnyNode): string | null {
  const meta = $(item).find('.review-postdate').first();
  return toIsoUtc(meta.attr('content') ?? null) ?? parseRuDate(meta.text());
}

function toMention($: CheerioAPI, item: AnyNode, pageUrl: string): ParsedMention | null {
  const href = $(item).find('a.review-read-link, a.review-title').first().attr('href');
  const url = absoluteUrl(href, pageUrl);
  const id = /review_(\d+)/.exec(href ?? '')?.[1] ?? trailingNumber(url);
  if (!id) return null;
  // Pros and cons are part of what the reviewer said; the labels stay so a reader can tell them apart.
  const parts = [text($, item, '.review-plus'), text($, item, '.review-minus'), text($, item, '.review-teaser, [itemprop=description]')];
  const comments = Number.parseInt($(item).find('[itemprop=commentCount]').first().text(), 10);
  return {
    externalId: id,
    url,
    author: text($, item, '[itemprop=author] [itemprop=name], .user-login'),
    rating: ratingOf($, item),
    title: text($, item, 'a.review-title'),
    text: cleanText(parts.filter((p): p is string => p !== null).join('\n')),
    lang: null,
    publishedAt: dateOf($, item),
    location: text($, item, '.user-location'),
    ...(Number.isFinite(comments) ? { metrics: { comments } } : {}),
  };
}

export function parseOtzovik(body: string, url: string, options: Pick<OtzovikOptions, 'base_url'> = {}): ParseResult {
  const $ = load(body);
  // A saved page has a file: URL; its relative links still belong to the site.
  const base = isWebUrl(url) ? url : 'https://otzovik.com/';
  const list = $('.review-list-chunk');
  if (list.length === 0) {
    // A product without reviews still renders its page, with this notice where the list would be.
    if (/Отзывов (пока )?нет|ещё нет отзывов/i.test($('body').text())) return { mentions: [], next: [] };
    return missingStructure(SITE, body, 'no review list (.review-list-chunk) on the page');
  }
  const mentions = list
    .find('.item')
    .toArray()
    .map((item) => toMention($, item, base))
    .filter((m): m is ParsedMention => m !== null);
  const nextHref = $('.pager a.next, .pager a[rel=next], a.pager-item.next').first().attr('href');
  const next = absoluteUrl(nextHref, base);
  return { mentions, next: next && next !== base ? [rebase(next, options.base_url)] : [] };
}

export const otzovik = defineScraper({
  id: 'otzovik',
  kind: 'review',
  engine: 'http',
  description: 'Otzovik product or company reviews (windows-1251 HTML), newest first',
  options: otzovikOptions,
  start: (target, options) => {
    if (options.slug) return [`${originOf(options.base_url, 'https://otzovik.com')}/reviews/${encodeURIComponent(options.slug)}/`];
    return target.url ? [rebase(target.url, options.base_url)] : [];
  },
  parse: (body, url, options) => parseOtzovik(body, url, options),
});
