/**
 * youtube-comments: comments under a YouTube video through the Data API v3
 * `https://www.googleapis.com/youtube/v3/commentThreads?part=snippet,replies&videoId=…&order=time&maxResults=100&key=…`,
 * paged with `pageToken` = `nextPageToken`. The API key comes from the env
 * var named in `key_env`; the parser never sees it.
 * Emits: comment id, link to the comment, author, textOriginal, publishedAt,
 * metrics.likes / .replies, and the replies the thread carries with parentId.
 */
import { z } from 'zod';
import { toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult, type TargetSpec } from '../src/crawl/scraper.ts';
import { parseJsonBody, withBase } from './lib/body-shape.ts';

export const youtubeCommentsOptionsSchema = z
  .object({
    /** Video id; otherwise taken from the target's url (watch?v=…). */
    video_id: z.string().regex(/^[\w-]{11}$/).optional(),
    /** Comments on every video of a channel instead of one video. */
    channel_id: z.string().regex(/^UC[\w-]{22}$/).optional(),
    /** Env var holding the Data API key. */
    key_env: z.string().default('YOUTUBE_API_KEY'),
    /** YouTube Data API: 10,000 units a day per project; commentThreads.list costs 1. */
    daily_quota: z.number().int().positive().default(10000),
    /** For mirrors and tests: replaces https://www.googleapis.com. */
    base_url: z.string().url().optional(),
  })
  .strict();

export type YoutubeCommentsOptions = z.infer<typeof youtubeCommentsOptionsSchema>;

function start(target: TargetSpec, options: YoutubeCommentsOptions, env: Readonly<Record<string, string | undefined>>): string[] {
  const videoId = options.video_id ?? (target.url ? /[?&]v=([\w-]{11})/.exec(target.url)?.[1] : undefined);
  if (!videoId && !options.channel_id) return [];
  const url = new URL('https://www.googleapis.com/youtube/v3/commentThreads');
  url.searchParams.set('part', 'snippet,replies');
  if (videoId) url.searchParams.set('videoId', videoId);
  else url.searchParams.set('allThreadsRelatedToChannelId', options.channel_id as string);
  url.searchParams.set('order', 'time');
  url.searchParams.set('maxResults', '100');
  url.searchParams.set('textFormat', 'plainText');
  const key = env[options.key_env];
  if (key) url.searchParams.set('key', key);
  return [withBase(url.toString(), options.base_url)];
}

const commentSnippet = z.object({
  videoId: z.string().optional(),
  textOriginal: z.string().optional(),
  textDisplay: z.string().optional(),
  authorDisplayName: z.string().optional(),
  publishedAt: z.string().optional(),
  updatedAt: z.string().optional(),
  likeCount: z.number().optional(),
  parentId: z.string().optional(),
});
const comment = z.object({ id: z.string(), snippet: commentSnippet });

const response = z.object({
  kind: z.literal('youtube#commentThreadListResponse'),
  nextPageToken: z.string().optional(),
  items: z.array(
    z.object({
      id: z.string(),
      snippet: z.object({ videoId: z.string().optional(), topLevelComment: comment, totalReplyCount: z.number().optional() }),
      replies: z.object({ comments: z.array(comment) }).optional(),
    }),
  ),
});

const apiError = z.object({ error: z.object({ code: z.number(), message: z.string() }) });

function toMention(c: z.infer<typeof comment>, videoId: string | undefined, replies: number | null): ParsedMention {
  const s = c.snippet;
  const video = s.videoId ?? videoId;
  const metrics: Record<string, number> = { likes: s.likeCount ?? 0 };
  if (replies !== null) metrics.replies = replies;
  return {
    externalId: c.id,
    url: video ? `https://www.youtube.com/watch?v=${video}&lc=${c.id}` : null,
    author: s.authorDisplayName?.replace(/^@/, '') ?? null,
    rating: null,
    title: null,
    text: (s.textOriginal ?? s.textDisplay ?? '').trim(),
    lang: null,
    publishedAt: toIsoUtc(s.publishedAt),
    parentId: s.parentId ?? null,
    metrics,
    ...(s.updatedAt && s.updatedAt !== s.publishedAt ? { raw: { edited: true } } : {}),
  };
}

export function parseYoutubeComments(body: string, url: string): ParseResult {
  const error = apiError.safeParse(safeJson(body));
  if (error.success) throw new Error(`youtube-comments: API error ${error.data.error.code}: ${error.data.error.message}`);
  const data = parseJsonBody(response, body, 'youtube-comments', 'a commentThreads list JSON object');
  const mentions: ParsedMention[] = [];
  for (const thread of data.items) {
    const top = thread.snippet.topLevelComment;
    mentions.push(toMention(top, thread.snippet.videoId, thread.snippet.totalReplyCount ?? null));
    for (const reply of thread.replies?.comments ?? []) {
      mentions.push(toMention({ ...reply, snippet: { ...reply.snippet, parentId: reply.snippet.parentId ?? top.id } }, thread.snippet.videoId, null));
    }
  }
  let next: string[] = [];
  if (data.nextPageToken) {
    const u = new URL(url);
    u.searchParams.set('pageToken', data.nextPageToken);
    next = [u.toString()];
  }
  return { mentions, next };
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

export const youtubeComments = defineScraper({
  id: 'youtube-comments',
  kind: 'social',
  engine: 'http',
  description: 'Comments under YouTube videos (Data API v3 commentThreads)',
  options: youtubeCommentsOptionsSchema,
  start: (target, options, env) => start(target, options, env ?? {}),
  dailyQuota: (options) => options.daily_quota,
  credentials: (options) => [options.key_env],
  parse: (body, url) => parseYoutubeComments(body, url),
});
