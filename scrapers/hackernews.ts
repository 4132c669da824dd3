/**
 * hackernews: Hacker News stories and comments through the Algolia search API
 * `https://hn.algolia.com/api/v1/search_by_date?query=…&tags=(story,comment)`,
 * paged with `page` up to `nbPages`.
 * Emits per hit: objectID, item URL (news.ycombinator.com/item?id=…), author,
 * title (stories) or story_title (comments), story_text / comment_text HTML →
 * text, created_at, parentId (parent_id of comments), metrics points / replies.
 */
import { z } from 'zod';
import { toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult, type TargetSpec } from '../src/crawl/scraper.ts';
import { parseJsonBody, searchTerms, withBase } from './lib/body-shape.ts';
import { htmlToText } from './lib/html-text.ts';

export const hackernewsOptionsSchema = z
  .object({
    tags: z.string().default('(story,comment)'),
    hits_per_page: z.number().int().min(1).max(1000).default(100),
    /** For mirrors and tests: replaces https://hn.algolia.com. */
    base_url: z.string().url().optional(),
  })
  .strict();

export type HackernewsOptions = z.infer<typeof hackernewsOptionsSchema>;

function start(target: TargetSpec, options: HackernewsOptions): string[] {
  // Algolia matches all words of a query, so each keyword is its own search.
  return searchTerms(target).map((term) => {
    const url = new URL('https://hn.algolia.com/api/v1/search_by_date');
    url.searchParams.set('query', term);
    url.searchParams.set('tags', options.tags);
    url.searchParams.set('hitsPerPage', String(options.hits_per_page));
    return withBase(url.toString(), options.base_url);
  });
}

const hit = z.object({
  objectID: z.string(),
  created_at: z.string().nullish(),
  created_at_i: z.number().nullish(),
  author: z.string().nullish(),
  title: z.string().nullish(),
  url: z.string().nullish(),
  story_text: z.string().nullish(),
  comment_text: z.string().nullish(),
  story_title: z.string().nullish(),
  points: z.number().nullish(),
  num_comments: z.number().nullish(),
  parent_id: z.number().nullish(),
  story_id: z.number().nullish(),
  _tags: z.array(z.string()).optional(),
});

const response = z.object({ hits: z.array(hit), page: z.number(), nbPages: z.number() });

function toMention(h: z.infer<typeof hit>): ParsedMention {
  const isComment = h._tags?.includes('comment') ?? h.comment_text != null;
  const metrics: Record<string, number> = {};
  if (h.points != null) metrics.points = h.points;
  if (h.num_comments != null) metrics.replies = h.num_comments;
  return {
    externalId: h.objectID,
    url: `https://news.ycombinator.com/item?id=${h.objectID}`,
    author: h.author ?? null,
    rating: null,
    title: (isComment ? h.story_title : h.title) ?? null,
    // A link story has no text of its own; its URL is what it says.
    text: htmlToText(isComment ? h.comment_text : h.story_text) || (isComment ? '' : (h.url ?? '')),
    lang: null,
    publishedAt: toIsoUtc(h.created_at ?? h.created_at_i),
    parentId: isComment && h.parent_id != null ? String(h.parent_id) : null,
    metrics,
    ...(h.story_id != null && isComment ? { raw: { storyId: String(h.story_id) } } : {}),
  };
}

export function parseHackernews(body: string, url: string): ParseResult {
  const data = parseJsonBody(response, body, 'hackernews', 'an Algolia search JSON object with hits[]');
  const mentions = data.hits.map(toMention);
  let next: string[] = [];
  if (data.page + 1 < data.nbPages && mentions.length > 0) {
    const u = new URL(url);
    u.searchParams.set('page', String(data.page + 1));
    next = [u.toString()];
  }
  return { mentions, next };
}

export const hackernews = defineScraper({
  id: 'hackernews',
  kind: 'social',
  engine: 'http',
  description: 'Hacker News stories and comments (Algolia search API)',
  options: hackernewsOptionsSchema,
  start,
  parse: (body, url) => parseHackernews(body, url),
});
