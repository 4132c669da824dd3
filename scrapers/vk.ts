/**
 * vk: VK (ВКонтакте) through the official API `https://api.vk.com/method/<method>?v=5.199&access_token=…`:
 * `newsfeed.search` (brand search, paged by `next_from` → `start_from`),
 * `wall.get` (a community wall, paged by `offset`) and `wall.getComments`.
 * The token comes from the env var named in `token_env`; the parser never reads it.
 * Emits: "<owner_id>_<post id>" (comments "<owner_id>_<post id>_c<id>"),
 * vk.com/wall… URL, author (with extended=1 profiles/groups), text, date,
 * parentId (comment → post or replied comment), metrics likes/views/replies/reposts.
 * API errors throw: 5 = token rejected, 6/9/29 = rate limit.
 */
import { z } from 'zod';
import { toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult, type TargetSpec } from '../src/crawl/scraper.ts';
import { parseJsonBody, searchTerms, withBase } from './lib/body-shape.ts';

export const vkOptionsSchema = z
  .object({
    /** Env var holding a VK access token (service or user key). */
    token_env: z.string().default('VK_TOKEN'),
    /** Read this wall (a community is negative, e.g. -1) instead of searching. */
    owner_id: z.number().int().optional(),
    api_version: z.string().default('5.199'),
    count: z.number().int().min(1).max(200).default(100),
    /** VK API: a few thousand wall/newsfeed calls a day per token. */
    daily_quota: z.number().int().positive().default(5000),
    /** For mirrors and tests: replaces https://api.vk.com. */
    base_url: z.string().url().optional(),
  })
  .strict();

export type VkOptions = z.infer<typeof vkOptionsSchema>;

function start(target: TargetSpec, options: VkOptions, env: Readonly<Record<string, string | undefined>>): string[] {
  let url: URL;
  if (options.owner_id !== undefined) {
    url = new URL('https://api.vk.com/method/wall.get');
    url.searchParams.set('owner_id', String(options.owner_id));
  } else {
    const terms = searchTerms(target);
    if (terms.length === 0) return [];
    url = new URL('https://api.vk.com/method/newsfeed.search');
    url.searchParams.set('q', terms.join(' OR '));
  }
  url.searchParams.set('count', String(options.count));
  url.searchParams.set('extended', '1');
  url.searchParams.set('v', options.api_version);
  // The crawler cannot send headers per scraper, so the token travels as VK's access_token parameter.
  const token = env[options.token_env];
  if (token) url.searchParams.set('access_token', token);
  return [withBase(url.toString(), options.base_url)];
}

const counter = z.object({ count: z.number() }).nullish();
const item = z.object({
  id: z.number(),
  owner_id: z.number().optional(),
  from_id: z.number().optional(),
  post_id: z.number().optional(),
  date: z.number(),
  text: z.string().default(''),
  likes: counter,
  views: counter,
  comments: counter,
  reposts: counter,
  reply_to_comment: z.number().optional(),
  thread: counter,
  edited: z.number().optional(),
  deleted: z.boolean().optional(),
});
type Item = z.infer<typeof item>;

const responseSchema = z.object({
  response: z.object({
    items: z.array(item),
    count: z.number().optional(),
    next_from: z.string().optional(),
    profiles: z.array(z.object({ id: z.number(), first_name: z.string().optional(), last_name: z.string().optional() })).optional(),
    groups: z.array(z.object({ id: z.number(), name: z.string() })).optional(),
  }),
});
type VkResponse = z.infer<typeof responseSchema>['response'];

const errorSchema = z.object({ error: z.object({ error_code: z.number(), error_msg: z.string().default('') }) });

const RATE_LIMIT = new Set([6, 9, 29]);

function apiError(body: string): Error | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = errorSchema.safeParse(json);
  if (!parsed.success) return null;
  const { error_code: code, error_msg: msg } = parsed.data.error;
  if (code === 5) return new Error(`vk: the access token was rejected (error 5: ${msg}); check the env var named in token_env`);
  if (RATE_LIMIT.has(code)) return new Error(`vk: rate limit reached (error ${code}: ${msg}); try again later`);
  return new Error(`vk: API error ${code}: ${msg}`);
}

function names(res: VkResponse): Map<number, string> {
  const map = new Map<number, string>();
  for (const p of res.profiles ?? []) map.set(p.id, `${p.first_name ?? ''} ${p.last_name ?? ''}`.trim());
  for (const g of res.groups ?? []) map.set(-g.id, g.name);
  return map;
}

function metricsOf(i: Item): Record<string, number> {
  const metrics: Record<string, number> = {};
  if (i.likes) metrics.likes = i.likes.count;
  if (i.views) metrics.views = i.views.count;
  const replies = i.comments ?? i.thread;
  if (replies) metrics.replies = replies.count;
  if (i.reposts) metrics.reposts = i.reposts.count;
  return metrics;
}

function toMention(i: Item, ownerFromUrl: number | null, who: Map<number, string>, isComment: boolean): ParsedMention {
  const owner = i.owner_id ?? ownerFromUrl ?? i.from_id ?? 0;
  const author = i.from_id !== undefined ? (who.get(i.from_id) ?? null) : null;
  const base = { author, rating: null, title: null, text: i.text.trim(), lang: null, publishedAt: toIsoUtc(i.date), metrics: metricsOf(i), ...(i.edited ? { raw: { edited: true } } : {}) };
  if (isComment && i.post_id !== undefined) {
    const post = `${owner}_${i.post_id}`;
    return {
      ...base,
      externalId: `${post}_c${i.id}`,
      url: `https://vk.com/wall${post}?reply=${i.id}`,
      parentId: i.reply_to_comment !== undefined ? `${post}_c${i.reply_to_comment}` : post,
    };
  }
  return { ...base, externalId: `${owner}_${i.id}`, url: `https://vk.com/wall${owner}_${i.id}`, parentId: null };
}

function withParam(url: string, key: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(key, value);
  return u.toString();
}

export function parseVk(body: string, url: string): ParseResult {
  const failure = apiError(body);
  if (failure) throw failure;
  const res = parseJsonBody(responseSchema, body, 'vk', 'a VK API JSON object { response: { items } }').response;
  const u = new URL(url);
  const method = u.pathname.split('/').at(-1) ?? '';
  const ownerParam = u.searchParams.get('owner_id');
  const ownerFromUrl = ownerParam !== null && /^-?\d+$/.test(ownerParam) ? Number(ownerParam) : null;
  const isComments = method === 'wall.getComments';
  const who = names(res);
  const mentions = res.items.filter((i) => !i.deleted).map((i) => toMention(i, ownerFromUrl, who, isComments || i.post_id !== undefined));
  let next: string[] = [];
  if (method === 'newsfeed.search') {
    if (res.next_from && res.items.length > 0) next = [withParam(url, 'start_from', res.next_from)];
  } else {
    const offset = Number(u.searchParams.get('offset') ?? 0) + res.items.length;
    if (res.items.length > 0 && res.count !== undefined && offset < res.count) next = [withParam(url, 'offset', String(offset))];
  }
  return { mentions, next };
}

export const vk = defineScraper({
  id: 'vk',
  kind: 'social',
  engine: 'http',
  description: 'VK posts and comments (official API: newsfeed.search, wall.get, wall.getComments)',
  options: vkOptionsSchema,
  start: (target, options, env) => start(target, options, env ?? {}),
  dailyQuota: (options) => options.daily_quota,
  credentials: (options) => [options.token_env],
  parse: (body, url) => parseVk(body, url),
});
