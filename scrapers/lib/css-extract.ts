import { createHash } from 'node:crypto';
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { z } from 'zod';
import { toFiveStars, toIsoUtc, type ParsedMention } from '../../src/crawl/mention.ts';
import type { ParseResult } from '../../src/crawl/scraper.ts';

/**
 * A field is "css selector" for the element's text or "css selector@attr" for an
 * attribute; "@attr" alone reads the item element itself. An empty selector
 * means the item element.
 */
const fieldSelector = z.string().min(1);

export const cssOptionsSchema = z
  .object({
    item: z.string().min(1),
    fields: z
      .object({
        id: fieldSelector.optional(),
        url: fieldSelector.optional(),
        author: fieldSelector.optional(),
        rating: fieldSelector.optional(),
        title: fieldSelector.optional(),
        text: fieldSelector,
        date: fieldSelector.optional(),
        reply: fieldSelector.optional(),
        location: fieldSelector.optional(),
        lang: fieldSelector.optional(),
      })
      .strict(),
    rating_scale: z.number().positive().default(5),
    next: fieldSelector.optional(),
    /** Browser engine only: wait for this before reading the page. */
    wait_for: z.string().optional(),
  })
  .strict();

export type CssOptions = z.infer<typeof cssOptionsSchema>;

function read($: CheerioAPI, scope: AnyNode, spec: string | undefined): string | null {
  if (!spec) return null;
  const at = spec.lastIndexOf('@');
  const selector = (at >= 0 ? spec.slice(0, at) : spec).trim();
  const attr = at >= 0 ? spec.slice(at + 1).trim() : null;
  const el = selector ? $(scope).find(selector).first() : $(scope);
  if (el.length === 0) return null;
  const value = attr ? el.attr(attr) : el.text();
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
}

function absolute(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).toString();
  } catch {
    return null;
  }
}

function parseRating(value: string | null, scale: number): number | null {
  if (!value) return null;
  const n = Number.parseFloat(value.replace(',', '.').replace(/[^\d.]/g, ''));
  return Number.isFinite(n) && n > 0 ? toFiveStars(Math.min(n, scale), scale) : null;
}

/** Without an id on the page, author + date + text is what stays stable between crawls. */
function fallbackId(author: string | null, date: string | null, text: string): string {
  return createHash('sha1').update(`${author ?? ''}\n${date ?? ''}\n${text.slice(0, 200)}`).digest('hex').slice(0, 16);
}

export function parseWithSelectors(body: string, url: string, options: CssOptions): ParseResult {
  const $ = load(body);
  const f = options.fields;
  const mentions: ParsedMention[] = [];
  $(options.item).each((_, el) => {
    const text = read($, el, f.text);
    if (!text) return;
    const author = read($, el, f.author);
    const date = read($, el, f.date);
    mentions.push({
      externalId: read($, el, f.id) ?? fallbackId(author, date, text),
      url: absolute(read($, el, f.url), url) ?? url,
      author,
      rating: parseRating(read($, el, f.rating), options.rating_scale),
      title: read($, el, f.title),
      text,
      lang: read($, el, f.lang),
      publishedAt: toIsoUtc(date),
      reply: read($, el, f.reply),
      location: read($, el, f.location),
    });
  });
  const nextHref = options.next ? read($, $.root().get(0) as AnyNode, options.next) : null;
  const next = absolute(nextHref, url);
  return { mentions, next: next && next !== url ? [next] : [] };
}
