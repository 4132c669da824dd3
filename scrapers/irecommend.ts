/**
 * irecommend: the review list of one product or company on iRecommend.ru,
 * https://irecommend.ru/content/<slug> and older pages ?page=N (N from 1;
 * the first page has no parameter), newest first. Pages may be windows-1251;
 * they are decoded before parsing. Each review teaser (`.list-comments .item`)
 * shows the author `.authorName`, stars `.starsRating .on` (lit ones count),
 * date `.created .date-created` (dd.mm.yyyy, Moscow time) and `.time-created`,
 * title `.reviewTitle a`, teaser `.reviewTeaserText`, the full review at
 * `a.reviewTextSnippet` (/content/<slug>-<id>). iRecommend has no owner replies.
 * Emits: review id, review URL, author, rating 1–5, title, teaser text,
 * published date; next = the pager's "next" link.
 */
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { z } from 'zod';
import type { ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult } from '../src/crawl/scraper.ts';
import { absoluteUrl, baseUrlOption, cleanText, isWebUrl, missingStructure, orNull, originOf, parseRuDate, rebase, trailingNumber } from './lib/review-source.ts';

const SITE = 'irecommend';

export const irecommendOptions = z
  .object({
    /** The part after /content/ in the product's URL; else the target url is used as is. */
    slug: z.string().min(1).optional(),
    base_url: baseUrlOption,
  })
  .strict();

export type IrecommendOptions = z.infer<typeof irecommendOptions>;

function text($: CheerioAPI, scope: AnyNode, selector: string): string | null {
  return orNull($(scope).find(selector).first().text());
}

/** Stars are five images, the lit ones with class "on"; a ratingValue meta wins when present. */
function ratingOf($: CheerioAPI, item: AnyNode): number | null {
  const meta = Number($(item).find('[itemprop=ratingValue]').first().attr('content'));
  if (meta >= 1 && meta <= 5) return meta;
  const lit = $(item).find('.starsRating .on').length;
  return lit >= 1 && lit <= 5 ? lit : null;
}

function toMention($: CheerioAPI, item: AnyNode, pageUrl: string): ParsedMention | null {
  const href = $(item).find('a.reviewTextSnippet, .reviewTitle a').first().attr('href');
  const url = absoluteUrl(href, pageUrl);
  const id = trailingNumber(url);
  if (!id) return null;
  const date = text($, item, '.created .date-created') ?? text($, item, '.created');
  const time = text($, item, '.created .time-created');
  return {
    externalId: id,
    url,
    author: text($, item, '.authorName'),
    rating: ratingOf($, item),
    title: text($, item, '.reviewTitle'),
    text: cleanText($(item).find('.reviewTeaserText').first().text()),
    lang: null,
    publishedAt: parseRuDate(date ? `${date} ${time ?? ''}` : null),
  };
}

export function parseIrecommend(body: string, url: string, options: Pick<IrecommendOptions, 'base_url'> = {}): ParseResult {
  const $ = load(body);
  // A saved page has a file: URL; its relative links still belong to the site.
  const base = isWebUrl(url) ? url : 'https://irecommend.ru/';
  const list = $('.list-comments');
  if (list.length === 0) {
    // A product nobody reviewed yet shows this notice instead of the list.
    if (/отзывов (пока )?нет|пока нет отзывов/i.test($('body').text())) return { mentions: [], next: [] };
    return missingStructure(SITE, body, 'no review list (.list-comments) on the page');
  }
  const mentions = list
    .find('.item')
    .toArray()
    .map((item) => toMention($, item, base))
    .filter((m): m is ParsedMention => m !== null);
  const next = absoluteUrl($('.pager .pager-next a, .pager a[rel=next]').first().attr('href'), base);
  return { mentions, next: next && next !== base ? [rebase(next, options.base_url)] : [] };
}

export const irecommend = defineScraper({
  id: 'irecommend',
  kind: 'review',
  engine: 'http',
  description: 'iRecommend.ru product or company reviews, newest first',
  options: irecommendOptions,
  start: (target, options) => {
    if (options.slug) return [`${originOf(options.base_url, 'https://irecommend.ru')}/content/${encodeURIComponent(options.slug)}`];
    return target.url ? [rebase(target.url, options.base_url)] : [];
  },
  parse: (body, url, options) => parseIrecommend(body, url, options),
});
