/**
 * mastodon: statuses from a Mastodon (or compatible) server's public API —
 * a hashtag timeline `https://<instance>/api/v1/timelines/tag/<tag>` (an array)
 * or `https://<instance>/api/v2/search?q=…&type=statuses` ({ statuses }).
 * Paging is `max_id` = the oldest status id on the page (the Link header is
 * not visible to a pure parser).
 * Emits: status id, url (else uri), account display name (else acct), content
 * HTML → text (spoiler_text as title), created_at, language, parentId
 * (in_reply_to_id), metrics replies/reblogs/favourites; boosts are read as the
 * boosted status.
 */
import { z } from 'zod';
import { toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult, type TargetSpec } from '../src/crawl/scraper.ts';
import { expectShape, readJson, searchTerms } from './lib/body-shape.ts';
import { htmlToText } from './lib/html-text.ts';

export const mastodonOptionsSchema = z
  .object({
    /** Server to ask; its federated view decides what it can find. */
    instance: z.string().url().default('https://mastodon.social'),
    /** Read this hashtag's timeline instead of searching (without "#"). */
    tag: z.string().regex(/^[\p{L}\p{N}_]+$/u).optional(),
    limit: z.number().int().min(1).max(40).default(40),
    /** For mirrors and tests: replaces the instance URL. */
    base_url: z.string().url().optional(),
  })
  .strict();

export type MastodonOptions = z.infer<typeof mastodonOptionsSchema>;

function start(target: TargetSpec, options: MastodonOptions): string[] {
  const base = (options.base_url ?? options.instance).replace(/\/+$/, '');
  let url: URL;
  if (options.tag) {
    url = new URL(`${base}/api/v1/timelines/tag/${encodeURIComponent(options.tag)}`);
  } else {
    const terms = searchTerms(target);
    if (terms.length === 0) return [];
    url = new URL(`${base}/api/v2/search`);
    url.searchParams.set('q', terms.join(' '));
    url.searchParams.set('type', 'statuses');
    // Without resolve the server searches only what it already has, which is all an anonymous caller may do.
    url.searchParams.set('resolve', 'false');
  }
  url.searchParams.set('limit', String(options.limit));
  return [url.toString()];
}

const account = z.object({ acct: z.string(), username: z.string().optional(), display_name: z.string().nullish(), url: z.string().nullish() });

const statusBase = z.object({
  id: z.string(),
  uri: z.string(),
  url: z.string().nullish(),
  created_at: z.string(),
  content: z.string(),
  spoiler_text: z.string().nullish(),
  language: z.string().nullish(),
  in_reply_to_id: z.string().nullish(),
  account,
  replies_count: z.number().optional(),
  reblogs_count: z.number().optional(),
  favourites_count: z.number().optional(),
  edited_at: z.string().nullish(),
});
const status = statusBase.extend({ reblog: statusBase.nullish() });
type Status = z.infer<typeof statusBase>;

const page = z.union([z.array(z.unknown()), z.object({ statuses: z.array(z.unknown()) })]);
const WHAT = 'a Mastodon statuses array (timelines) or a search result { statuses }';

/** Display names carry custom emoji shortcodes (":grin:"); they are not part of the name. */
function displayName(a: z.infer<typeof account>): string {
  const name = (a.display_name ?? '').replace(/:[\w+-]+:/g, '').replace(/\s+/g, ' ').trim();
  return name || a.acct;
}

function toMention(s: Status, boostedBy: string | null): ParsedMention {
  const metrics: Record<string, number> = {};
  if (s.replies_count !== undefined) metrics.replies = s.replies_count;
  if (s.reblogs_count !== undefined) metrics.reblogs = s.reblogs_count;
  if (s.favourites_count !== undefined) metrics.favourites = s.favourites_count;
  const raw: Record<string, unknown> = { acct: s.account.acct };
  if (boostedBy) raw.boostedBy = boostedBy;
  if (s.edited_at) raw.edited = true;
  return {
    externalId: s.id,
    url: s.url ?? (/^https?:/.test(s.uri) ? s.uri : null),
    author: displayName(s.account),
    rating: null,
    title: s.spoiler_text?.trim() || null,
    text: htmlToText(s.content),
    lang: s.language ?? null,
    publishedAt: toIsoUtc(s.created_at),
    parentId: s.in_reply_to_id ?? null,
    metrics,
    raw,
  };
}

/** Snowflake ids are numeric strings longer than 2^53: compare them as BigInts. */
function oldestId(ids: readonly string[]): string | null {
  let min: bigint | null = null;
  for (const id of ids) {
    if (!/^\d+$/.test(id)) continue;
    const n = BigInt(id);
    if (min === null || n < min) min = n;
  }
  return min === null ? null : min.toString();
}

export function parseMastodon(body: string, url: string): ParseResult {
  const data = expectShape(page, readJson(body, 'mastodon', WHAT), 'mastodon', WHAT);
  const items = Array.isArray(data) ? data : data.statuses;
  const pageIds: string[] = [];
  const mentions: ParsedMention[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const s = expectShape(status, item, 'mastodon', `a status at item ${i}`);
    pageIds.push(s.id);
    const shown = s.reblog ?? s;
    if (seen.has(shown.id)) return;
    seen.add(shown.id);
    mentions.push(toMention(shown, s.reblog ? s.account.acct : null));
  });
  // Paging runs on the ids of the page's own entries (a boost's id, not the boosted status').
  const oldest = oldestId(pageIds);
  let next: string[] = [];
  if (oldest) {
    const u = new URL(url);
    const isSearch = u.pathname.endsWith('/search');
    if (isSearch) {
      // v2 search pages by offset, not by id.
      u.searchParams.set('offset', String(Number(u.searchParams.get('offset') ?? 0) + items.length));
    } else {
      u.searchParams.set('max_id', oldest);
    }
    next = [u.toString()];
  }
  return { mentions, next };
}

export const mastodon = defineScraper({
  id: 'mastodon',
  kind: 'social',
  engine: 'http',
  description: 'Mastodon statuses (hashtag timeline or search API)',
  options: mastodonOptionsSchema,
  start,
  parse: (body, url) => parseMastodon(body, url),
});
