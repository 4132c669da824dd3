/**
 * reddit: Reddit Listing JSON — search (`https://www.reddit.com/search.json?q=…&sort=new`),
 * a subreddit's newest posts (`/r/<sub>/new.json`), comment listings and
 * thread pages (`/comments/<id>.json`, an array of two Listings) — paged with
 * `after`; the Atom form (`/search.rss`) is read as a fallback. With OAuth the
 * host is https://oauth.reddit.com and the bodies are the same.
 * Emits: fullname id (t3_… posts, t1_… comments), permalink, author, title,
 * selftext / comment body, created_utc, parentId (comments), metrics.score /
 * .replies, raw.subreddit / raw.edited.
 */
import { z } from 'zod';
import { toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult, type TargetSpec } from '../src/crawl/scraper.ts';
import { describeBody, expectShape, readJson, searchTerms, withBase } from './lib/body-shape.ts';
import { parseFeed } from './lib/feed-xml.ts';

const SITE = 'https://www.reddit.com';

export const redditOptionsSchema = z
  .object({
    /** Restricts search to one subreddit, or lists its newest posts when the target has no query. */
    subreddit: z.string().regex(/^[A-Za-z0-9_]{2,21}$/).optional(),
    sort: z.enum(['new', 'relevance', 'top', 'comments']).default('new'),
    limit: z.number().int().min(1).max(100).default(100),
    /** `rss` reads /search.rss (Atom) when the JSON API is closed to us. */
    format: z.enum(['json', 'rss']).default('json'),
    /** Env vars with an app's OAuth client id and secret (for oauth.reddit.com); never stored in config. */
    client_id_env: z.string().default('REDDIT_CLIENT_ID'),
    client_secret_env: z.string().default('REDDIT_CLIENT_SECRET'),
    /** For mirrors and tests: replaces https://www.reddit.com. */
    base_url: z.string().url().optional(),
  })
  .strict();

export type RedditOptions = z.infer<typeof redditOptionsSchema>;

/** OAuth client credentials when both env vars are set; the caller exchanges them for a token. */
export function redditCredentials(options: RedditOptions, env: Readonly<Record<string, string | undefined>>): { clientId: string; clientSecret: string } | null {
  const clientId = env[options.client_id_env];
  const clientSecret = env[options.client_secret_env];
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

/** Reddit search syntax: several keywords are alternatives, phrases quoted. */
function redditQuery(terms: readonly string[]): string {
  if (terms.length === 1) return terms[0] as string;
  return terms.map((t) => (/\s/.test(t) ? `"${t}"` : t)).join(' OR ');
}

function start(target: TargetSpec, options: RedditOptions): string[] {
  if (target.url) return [target.url];
  const ext = options.format === 'rss' ? 'rss' : 'json';
  const terms = searchTerms(target);
  let url: URL;
  if (terms.length > 0) {
    url = new URL(options.subreddit ? `${SITE}/r/${options.subreddit}/search.${ext}` : `${SITE}/search.${ext}`);
    url.searchParams.set('q', redditQuery(terms));
    url.searchParams.set('sort', options.sort);
    if (options.subreddit) url.searchParams.set('restrict_sr', '1');
  } else if (options.subreddit) {
    url = new URL(`${SITE}/r/${options.subreddit}/new.${ext}`);
  } else {
    return [];
  }
  url.searchParams.set('limit', String(options.limit));
  // Without raw_json Reddit HTML-escapes &, < and > inside JSON strings.
  if (ext === 'json') url.searchParams.set('raw_json', '1');
  return [withBase(url.toString(), options.base_url)];
}

const thing = z.object({ kind: z.string(), data: z.record(z.string(), z.unknown()) });
const listing = z.object({
  kind: z.literal('Listing'),
  data: z.object({ children: z.array(thing), after: z.string().nullish() }),
});
type Listing = z.infer<typeof listing>;

const post = z.object({
  id: z.string(),
  name: z.string(),
  author: z.string().nullish(),
  title: z.string(),
  selftext: z.string().nullish(),
  created_utc: z.number(),
  permalink: z.string(),
  subreddit: z.string().nullish(),
  score: z.number().nullish(),
  num_comments: z.number().nullish(),
  edited: z.union([z.boolean(), z.number()]).nullish(),
});

const comment = z.object({
  id: z.string(),
  name: z.string(),
  author: z.string().nullish(),
  body: z.string(),
  created_utc: z.number(),
  permalink: z.string().nullish(),
  parent_id: z.string(),
  link_id: z.string().nullish(),
  link_title: z.string().nullish(),
  subreddit: z.string().nullish(),
  score: z.number().nullish(),
  edited: z.union([z.boolean(), z.number()]).nullish(),
  replies: z.unknown().optional(),
});

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (s: string, raw: boolean): string => (raw ? s : s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e));

function permalinkUrl(permalink: string): string {
  // Search results carry "?ref=search_posts"; the canonical link has no query.
  return new URL(permalink.split('?')[0] as string, SITE).toString();
}

const author = (name: string | null | undefined): string | null => (name && name !== '[deleted]' ? name : null);

function extras(subreddit: string | null | undefined, edited: boolean | number | null | undefined): Record<string, unknown> {
  return { ...(subreddit ? { subreddit } : {}), ...(edited ? { edited: true } : {}) };
}

function fromPost(data: z.infer<typeof post>, raw: boolean): ParsedMention {
  return {
    externalId: data.name,
    url: permalinkUrl(data.permalink),
    author: author(data.author),
    rating: null,
    title: unescape(data.title, raw),
    text: unescape(data.selftext ?? '', raw).trim(),
    lang: null,
    publishedAt: toIsoUtc(data.created_utc),
    parentId: null,
    metrics: { score: data.score ?? 0, replies: data.num_comments ?? 0 },
    raw: extras(data.subreddit, data.edited),
  };
}

function fromComment(data: z.infer<typeof comment>, raw: boolean): ParsedMention {
  const linkId = (data.link_id ?? data.parent_id).replace(/^t3_/, '');
  return {
    externalId: data.name,
    url: data.permalink ? permalinkUrl(data.permalink) : `${SITE}/r/${data.subreddit ?? 'all'}/comments/${linkId}/_/${data.id}/`,
    author: author(data.author),
    rating: null,
    title: data.link_title ? unescape(data.link_title, raw) : null,
    text: unescape(data.body, raw).trim(),
    lang: null,
    publishedAt: toIsoUtc(data.created_utc),
    parentId: data.parent_id,
    metrics: { score: data.score ?? 0 },
    raw: extras(data.subreddit, data.edited),
  };
}

/** Posts and comments of a Listing, nested comment replies included; "more" stubs are skipped. */
function collect(list: Listing, raw: boolean, out: ParsedMention[]): void {
  for (const child of list.data.children) {
    if (child.kind === 't3') out.push(fromPost(expectShape(post, child.data, 'reddit', 'a t3 post'), raw));
    if (child.kind === 't1') {
      const c = expectShape(comment, child.data, 'reddit', 'a t1 comment');
      out.push(fromComment(c, raw));
      const replies = listing.safeParse(c.replies);
      if (replies.success) collect(replies.data, raw, out);
    }
  }
}

function withParam(url: string, key: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(key, value);
  return u.toString();
}

function parseAtom(body: string, url: string): ParseResult {
  const feed = parseFeed(body, 'reddit');
  const mentions = feed.entries.flatMap((e): ParsedMention[] => {
    if (!e.id) return [];
    return [
      {
        externalId: e.id,
        url: e.link,
        author: author(e.author?.replace(/^\/?u\//, '')),
        rating: null,
        title: e.title,
        text: e.text,
        lang: null,
        publishedAt: e.publishedAt,
        parentId: null,
        raw: extras(e.el.children('category').attr('term'), false),
      },
    ];
  });
  const limit = Number(new URL(url).searchParams.get('limit') ?? 25);
  const last = mentions.at(-1)?.externalId;
  // The feed has no "after" of its own: a full page means there may be more after its last item.
  return { mentions, next: last && mentions.length >= limit ? [withParam(url, 'after', last)] : [] };
}

export function parseReddit(body: string, url: string): ParseResult {
  if (describeBody(body).startsWith('XML')) return parseAtom(body, url);
  const what = 'a Listing JSON object';
  const json = readJson(body, 'reddit', what);
  // A thread page is [post Listing, comments Listing]; search and subreddit pages are one Listing.
  const lists = Array.isArray(json) ? json.map((l) => expectShape(listing, l, 'reddit', what)) : [expectShape(listing, json, 'reddit', what)];
  const raw = new URL(url).searchParams.get('raw_json') === '1';
  const mentions: ParsedMention[] = [];
  for (const list of lists) collect(list, raw, mentions);
  const after = Array.isArray(json) ? null : lists[0]?.data.after;
  return { mentions, next: after ? [withParam(url, 'after', after)] : [] };
}

export const reddit = defineScraper({
  id: 'reddit',
  kind: 'social',
  engine: 'http',
  description: 'Reddit posts and comments (search / subreddit Listing JSON, search.rss fallback)',
  options: redditOptionsSchema,
  start,
  parse: (body, url) => parseReddit(body, url),
});
