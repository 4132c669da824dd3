import type { AnyScraper } from '../src/crawl/scraper.ts';
import { bluesky } from './bluesky.ts';
import { hackernews } from './hackernews.ts';
import { mastodon } from './mastodon.ts';
import { reddit } from './reddit.ts';
import { rss } from './rss.ts';
import { telegram } from './telegram.ts';
import { vk } from './vk.ts';
import { youtubeComments } from './youtube-comments.ts';
import { youtube } from './youtube.ts';

/** Social and feed sources. */
export const socialScrapers = {
  telegram,
  reddit,
  bluesky,
  youtube,
  'youtube-comments': youtubeComments,
  mastodon,
  rss,
  hackernews,
  vk,
} satisfies Record<string, AnyScraper>;
