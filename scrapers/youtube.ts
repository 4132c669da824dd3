/**
 * youtube: a channel's videos through its Atom feed
 * `https://www.youtube.com/feeds/videos.xml?channel_id=UC…` (the 15 newest, no paging).
 * Emits per entry: yt:videoId as id, watch URL, author name, title,
 * media:description as text, published, metrics.views (media:statistics),
 * metrics.ratings / .rating_avg (media:starRating). The star average is the
 * audience's, not a review of the brand, so `rating` stays null.
 */
import { z } from 'zod';
import type { ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult, type TargetSpec } from '../src/crawl/scraper.ts';
import { withBase } from './lib/body-shape.ts';
import { parseFeed, tag } from './lib/feed-xml.ts';

export const youtubeOptionsSchema = z
  .object({
    /** "UC…" id; otherwise taken from the target's url (youtube.com/channel/UC…). */
    channel_id: z.string().regex(/^UC[\w-]{22}$/, 'a YouTube channel id (UC…)').optional(),
    /** For mirrors and tests: replaces https://www.youtube.com. */
    base_url: z.string().url().optional(),
  })
  .strict();

export type YoutubeOptions = z.infer<typeof youtubeOptionsSchema>;

function start(target: TargetSpec, options: YoutubeOptions): string[] {
  const fromUrl = target.url ? /\/channel\/(UC[\w-]{22})/.exec(target.url)?.[1] : undefined;
  const channel = options.channel_id ?? fromUrl;
  if (channel) return [withBase(`https://www.youtube.com/feeds/videos.xml?channel_id=${channel}`, options.base_url)];
  return target.url?.includes('/feeds/videos.xml') ? [target.url] : [];
}

function number(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function parseYoutubeFeed(body: string): ParseResult {
  const feed = parseFeed(body, 'youtube');
  if (feed.format !== 'atom') throw new Error(`youtube: expected the Atom feed of a channel (feeds/videos.xml); got ${feed.format.toUpperCase()}`);
  const mentions = feed.entries.flatMap((e): ParsedMention[] => {
    const videoId = e.el.children(tag('yt:videoId')).first().text().trim() || e.id?.replace(/^yt:video:/, '');
    if (!videoId) return [];
    const group = e.el.children(tag('media:group')).first();
    const stars = group.find(tag('media:starRating')).first();
    const metrics: Record<string, number> = {};
    const views = number(group.find(tag('media:statistics')).first().attr('views'));
    const ratings = number(stars.attr('count'));
    const average = number(stars.attr('average'));
    if (views !== null) metrics.views = views;
    if (ratings !== null) metrics.ratings = ratings;
    if (average !== null) metrics.rating_avg = average;
    return [
      {
        externalId: videoId,
        url: e.link ?? `https://www.youtube.com/watch?v=${videoId}`,
        author: e.author ?? feed.title,
        rating: null,
        title: e.title,
        text: group.children(tag('media:description')).first().text().trim() || e.text,
        lang: null,
        publishedAt: e.publishedAt,
        parentId: null,
        metrics,
      },
    ];
  });
  // The feed only ever holds the newest entries; older videos are not reachable through it.
  return { mentions, next: [] };
}

export const youtube = defineScraper({
  id: 'youtube',
  kind: 'social',
  engine: 'http',
  description: "A YouTube channel's newest videos (Atom feed)",
  options: youtubeOptionsSchema,
  start,
  parse: (body) => parseYoutubeFeed(body),
});
