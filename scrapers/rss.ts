/**
 * rss: any RSS 2.0, RSS 1.0 (RDF) or Atom feed given as the target's url —
 * Google Alerts feeds, news sites, blogs.
 * Emits per item: guid / id / link as id, link, title, content:encoded /
 * description / content / summary HTML → text, pubDate / published /
 * updated, author (dc:creator / author). Google Alerts wraps links in a
 * google.com/url redirect; the real address is taken out of it.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult } from '../src/crawl/scraper.ts';
import { parseFeed } from './lib/feed-xml.ts';

export const rssOptionsSchema = z.object({}).strict();

/** https://www.google.com/url?...&url=<real>&... → <real>. */
export function unwrapRedirect(link: string | null): string | null {
  if (!link) return null;
  try {
    const u = new URL(link);
    if (/(^|\.)google\.[a-z.]+$/.test(u.hostname) && u.pathname === '/url') return u.searchParams.get('url') ?? u.searchParams.get('q') ?? link;
  } catch {
    return link;
  }
  return link;
}

export function parseRss(body: string): ParseResult {
  const feed = parseFeed(body, 'rss');
  const mentions = feed.entries.flatMap((e): ParsedMention[] => {
    const link = unwrapRedirect(e.link);
    const text = e.text || e.title || '';
    if (!text && !link) return [];
    // An item with neither guid nor link still needs a stable id: its title and date.
    const id = e.id ?? createHash('sha1').update(`${e.title ?? ''}\n${e.publishedAt ?? ''}\n${text.slice(0, 200)}`).digest('hex').slice(0, 16);
    return [{ externalId: id, url: link, author: e.author, rating: null, title: e.title, text, lang: null, publishedAt: e.publishedAt, parentId: null }];
  });
  // Feeds are a window on the newest items; there is no older page to ask for.
  return { mentions, next: [] };
}

export const rss = defineScraper({
  id: 'rss',
  kind: 'feed',
  engine: 'http',
  description: 'Any RSS or Atom feed (Google Alerts, news sites, blogs)',
  options: rssOptionsSchema,
  start: (target) => (target.url ? [target.url] : []),
  parse: (body) => parseRss(body),
});
