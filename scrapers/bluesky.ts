/**
 * bluesky: Bluesky posts through the public AppView XRPC API —
 * `https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=…&sort=latest`
 * ({ posts, cursor }) and `app.bsky.feed.getAuthorFeed?actor=…` ({ feed: [{ post }], cursor });
 * a bare array of postView / feed items (an export) is read too.
 * Emits: at:// uri as id, bsky.app post URL, author display name (else handle),
 * record.text, record.createdAt, lang (first of record.langs), parentId
 * (record.reply.parent.uri), metrics replies/reposts/likes/quotes; next = `cursor`.
 */
import { z } from 'zod';
import { toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult, type TargetSpec } from '../src/crawl/scraper.ts';
import { expectShape, readJson, searchTerms, withBase } from './lib/body-shape.ts';

const API = 'https://public.api.bsky.app/xrpc';

export const blueskyOptionsSchema = z
  .object({
    /** A handle or DID: read that account's feed instead of searching. */
    actor: z.string().min(3).optional(),
    /** searchPosts language filter, e.g. "ru". */
    lang: z.string().min(2).optional(),
    limit: z.number().int().min(1).max(100).default(100),
    /** For mirrors and tests: replaces https://public.api.bsky.app. */
    base_url: z.string().url().optional(),
  })
  .strict();

export type BlueskyOptions = z.infer<typeof blueskyOptionsSchema>;

function start(target: TargetSpec, options: BlueskyOptions): string[] {
  let url: URL;
  if (options.actor) {
    url = new URL(`${API}/app.bsky.feed.getAuthorFeed`);
    url.searchParams.set('actor', options.actor);
  } else {
    const terms = searchTerms(target);
    if (terms.length === 0) return target.url ? [target.url] : [];
    url = new URL(`${API}/app.bsky.feed.searchPosts`);
    // Bluesky search has no OR operator; several keywords become one query and keyword filtering narrows later.
    url.searchParams.set('q', terms.join(' '));
    url.searchParams.set('sort', 'latest');
    if (options.lang) url.searchParams.set('lang', options.lang);
  }
  url.searchParams.set('limit', String(options.limit));
  return [withBase(url.toString(), options.base_url)];
}

const postView = z.object({
  uri: z.string().startsWith('at://'),
  cid: z.string().optional(),
  author: z.object({ did: z.string(), handle: z.string(), displayName: z.string().nullish() }),
  record: z.object({
    text: z.string().default(''),
    createdAt: z.string().optional(),
    langs: z.array(z.string()).optional(),
    reply: z.object({ parent: z.object({ uri: z.string() }) }).optional(),
  }),
  indexedAt: z.string().optional(),
  replyCount: z.number().optional(),
  repostCount: z.number().optional(),
  likeCount: z.number().optional(),
  quoteCount: z.number().optional(),
});
type PostView = z.infer<typeof postView>;

/** A feed item ({ post, reply?, reason? }) or a saved wrapper ({ uri, post }). */
const wrapped = z.object({
  post: z.unknown(),
  reply: z.object({ parent: z.object({ uri: z.string().optional() }).optional() }).optional(),
  reason: z.object({ $type: z.string().optional(), by: z.object({ handle: z.string() }).optional() }).optional(),
});

const page = z.union([
  z.object({ posts: z.array(z.unknown()), cursor: z.string().nullish() }),
  z.object({ feed: z.array(z.unknown()), cursor: z.string().nullish() }),
  z.array(z.unknown()),
]);

const WHAT = 'a searchPosts / getAuthorFeed response (posts[] or feed[]) or an array of postView objects';
// Deleted or blocked posts appear in feeds as stubs without a record.
const STUB = /#(notFoundPost|blockedPost)$/;

function isStub(item: unknown): boolean {
  const type = typeof item === 'object' && item !== null && '$type' in item ? (item as { $type: unknown }).$type : null;
  return typeof type === 'string' && STUB.test(type);
}

function postUrl(p: PostView): string | null {
  const m = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(p.uri);
  if (!m) return null;
  // "handle.invalid" marks an account whose handle no longer resolves; its DID still does.
  const who = p.author.handle && p.author.handle !== 'handle.invalid' ? p.author.handle : p.author.did;
  return `https://bsky.app/profile/${who}/post/${m[2]}`;
}

const TID_ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/** A record key that is a TID encodes its creation time (microseconds since 1970 above a 10-bit clock id). */
export function tidTime(rkey: string): string | null {
  if (!/^[2-7a-j][2-7a-z]{12}$/.test(rkey)) return null;
  let value = 0n;
  for (const ch of rkey) value = value * 32n + BigInt(TID_ALPHABET.indexOf(ch));
  return toIsoUtc(Number(value >> 10n) / 1000);
}

// Clients can write any createdAt (year 0000 has been seen); before 1990 it is not a real date.
const plausible = (iso: string | null): string | null => (iso && iso >= '1990' && /^\d{4}-/.test(iso) ? iso : null);

function publishedAt(p: PostView): string | null {
  const rkey = p.uri.split('/').at(-1) ?? '';
  return plausible(toIsoUtc(p.record.createdAt)) ?? plausible(toIsoUtc(p.indexedAt)) ?? tidTime(rkey);
}

function toMention(p: PostView, feedParent: string | null, repostedBy: string | null): ParsedMention {
  const metrics: Record<string, number> = {};
  if (p.replyCount !== undefined) metrics.replies = p.replyCount;
  if (p.repostCount !== undefined) metrics.reposts = p.repostCount;
  if (p.likeCount !== undefined) metrics.likes = p.likeCount;
  if (p.quoteCount !== undefined) metrics.quotes = p.quoteCount;
  const lang = p.record.langs?.[0]?.split('-')[0]?.toLowerCase() ?? null;
  return {
    externalId: p.uri,
    url: postUrl(p),
    author: p.author.displayName?.trim() || p.author.handle,
    rating: null,
    title: null,
    text: p.record.text,
    lang,
    publishedAt: publishedAt(p),
    parentId: p.record.reply?.parent.uri ?? feedParent,
    metrics,
    raw: { handle: p.author.handle, ...(repostedBy ? { repostedBy } : {}) },
  };
}

export function parseBluesky(body: string, url: string): ParseResult {
  const data = expectShape(page, readJson(body, 'bluesky', WHAT), 'bluesky', WHAT);
  const items = Array.isArray(data) ? data : 'posts' in data ? data.posts : data.feed;
  const mentions: ParsedMention[] = [];
  items.forEach((item, i) => {
    if (isStub(item)) return;
    const outer = wrapped.safeParse(item);
    const inner = outer.success && outer.data.post !== undefined ? outer.data.post : item;
    if (isStub(inner)) return;
    const p = expectShape(postView, inner, 'bluesky', `a postView at item ${i}`);
    // A post can come twice on one page (posted, then reposted): the parser reports what the body holds, and the store keeps the first.
    const feed = outer.success ? outer.data : null;
    const repostedBy = feed?.reason?.$type?.endsWith('reasonRepost') ? (feed.reason.by?.handle ?? null) : null;
    mentions.push(toMention(p, feed?.reply?.parent?.uri ?? null, repostedBy));
  });
  const cursor = Array.isArray(data) ? null : data.cursor;
  let next: string[] = [];
  if (cursor && mentions.length > 0) {
    const u = new URL(url);
    u.searchParams.set('cursor', cursor);
    next = [u.toString()];
  }
  return { mentions, next };
}

export const bluesky = defineScraper({
  id: 'bluesky',
  kind: 'social',
  engine: 'http',
  description: 'Bluesky posts (searchPosts / getAuthorFeed XRPC JSON)',
  options: blueskyOptionsSchema,
  start,
  parse: (body, url) => parseBluesky(body, url),
});
