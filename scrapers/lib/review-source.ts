/**
 * Helpers shared by the built-in review, map and app-store scrapers: JSON
 * bodies checked with zod, mirror URLs (`base_url`), Russian dates and text
 * clean-up. Everything here is pure so parsers stay pure.
 */
import { z } from 'zod';
import { looksLikeCaptcha } from '../../src/crawl/errors.ts';

/** The `base_url` option: for mirrors and tests, replaces the site's own origin. */
export const baseUrlOption = z
  .url()
  .optional()
  .describe('for mirrors and tests: scheme://host[:port] used instead of the site itself');

/** The origin to build start URLs on: the mirror when one is configured. */
export function originOf(baseUrl: string | undefined, fallback: string): string {
  return (baseUrl ?? fallback).replace(/\/+$/, '');
}

/** Moves a link the site handed us (e.g. an API's next_link) onto the mirror, keeping path and query. */
export function rebase(link: string, baseUrl: string | undefined): string {
  if (!baseUrl) return link;
  const from = new URL(link);
  const to = new URL(baseUrl);
  from.protocol = to.protocol;
  from.host = to.host;
  return from.toString();
}

/** Resolves a possibly relative link against the page; null for junk. */
export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).toString();
  } catch {
    return null;
  }
}

/** Whether a URL is one the crawler can fetch (saved files parsed by `repwatch parse` are not). */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/**
 * A browser engine hands back Chromium's rendering of a JSON response
 * (`<pre>{...}</pre>`); unwrap it so the same parser reads both engines.
 */
export function unwrapJsonBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return trimmed;
  const pre = /^<html[^>]*>[\s\S]*?<pre[^>]*>([\s\S]*?)<\/pre>/i.exec(trimmed);
  if (!pre?.[1]) return trimmed;
  return pre[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Parses and validates a JSON body; errors name the site and the first mismatching path. */
export function readJson<T>(site: string, body: string, schema: z.ZodType<T>, what = 'the response'): T {
  let data: unknown;
  try {
    data = JSON.parse(unwrapJsonBody(body));
  } catch (e) {
    throw new Error(`${site}: ${what} is not JSON (${(e as Error).message}); the API may have changed or answered with an HTML page`);
  }
  return checkShape(site, data, schema, what);
}

/** Validates data already parsed; the message says where the shape broke. */
export function checkShape<T>(site: string, data: unknown, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown mismatch';
  throw new Error(`${site}: ${what} does not have the expected shape (${where}); the layout may have changed`);
}

/** Collapses runs of spaces but keeps paragraph breaks, which matter to readers of long reviews. */
export function cleanText(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Empty strings become null: the mention schema distinguishes "absent" from "blank". */
export function orNull(text: string | null | undefined): string | null {
  const cleaned = cleanText(text);
  return cleaned ? cleaned : null;
}

const RU_MONTHS: Record<string, number> = {
  янв: 1, фев: 2, мар: 3, апр: 4, мая: 5, май: 5, июн: 6, июл: 7, авг: 8, сен: 9, окт: 10, ноя: 11, дек: 12,
};

/**
 * Dates Russian sites print: "12.03.2024", "12.03.24", "12 марта 2024".
 * A date without a zone is taken as Moscow time (UTC+3), where these sites live.
 */
export function parseRuDate(value: string | null | undefined, defaultOffset = '+03:00'): string | null {
  if (!value) return null;
  const text = value.toLowerCase().replace(/\s+/g, ' ').trim();
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  const numeric = /(\d{1,2})\.(\d{1,2})\.(\d{2,4})/.exec(text);
  if (numeric) {
    day = Number(numeric[1]);
    month = Number(numeric[2]);
    year = Number(numeric[3]);
  } else {
    const words = /(\d{1,2}) ([а-яё]+)\.? (\d{4})/.exec(text);
    const name = words?.[2];
    const key = name ? Object.keys(RU_MONTHS).find((k) => name.startsWith(k)) : undefined;
    if (words && key) {
      day = Number(words[1]);
      month = RU_MONTHS[key];
      year = Number(words[3]);
    }
  }
  if (day === undefined || month === undefined || year === undefined) return null;
  if (year < 100) year += 2000;
  const time = /(\d{1,2}):(\d{2})/.exec(text);
  const hh = String(time ? Number(time[1]) : 0).padStart(2, '0');
  const mm = time?.[2] ?? '00';
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${hh}:${mm}:00${defaultOffset}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The last run of digits in a URL path: review pages carry their id there (review_123.html, ...-4567). */
export function trailingNumber(url: string | null | undefined): string | null {
  if (!url) return null;
  const path = url.split(/[?#]/)[0] ?? '';
  const all = path.match(/\d+/g);
  return all ? (all[all.length - 1] ?? null) : null;
}

/** Sets one query parameter, keeping the rest of the URL as the site built it. */
export function withParam(url: string, name: string, value: string | number): string {
  const u = new URL(url);
  u.searchParams.set(name, String(value));
  return u.toString();
}

/**
 * A page without the structure a parser needs is either a bot wall or a
 * changed layout. A wall returns no items so the crawler reports the target as
 * blocked (it checks item-less pages for captchas); anything else throws.
 */
export function missingStructure(site: string, body: string, detail: string): { mentions: []; next: [] } {
  if (looksLikeCaptcha(body)) return { mentions: [], next: [] };
  throw new Error(`${site}: ${detail}; the layout may have changed`);
}
