/**
 * RSS 2.0 / RSS 1.0 (RDF) / Atom reading shared by the rss, youtube and reddit
 * (search.rss fallback) scrapers. Gives each item's common fields and its
 * element, so a source can read its own extensions (yt:videoId, media:*).
 */
import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { toIsoUtc } from '../../src/crawl/mention.ts';
import { describeBody } from './body-shape.ts';
import { htmlToText } from './html-text.ts';

export type FeedFormat = 'rss' | 'atom' | 'rdf';

export interface FeedEntry {
  /** guid / id / link, whichever the item has first. */
  id: string | null;
  link: string | null;
  title: string | null;
  /** Plain text of content, else description / summary. */
  text: string;
  publishedAt: string | null;
  author: string | null;
  el: Cheerio<Element>;
}

export interface Feed {
  format: FeedFormat;
  title: string | null;
  $: CheerioAPI;
  entries: FeedEntry[];
}

/** Namespaced tag names need the colon escaped in CSS selectors. */
export const tag = (name: string): string => name.replace(/:/g, '\\:');

function first(el: Cheerio<Element>, names: readonly string[]): Cheerio<Element> | null {
  for (const name of names) {
    const found = el.children(tag(name)).first();
    if (found.length > 0) return found;
  }
  return null;
}

function childText(el: Cheerio<Element>, names: readonly string[]): string | null {
  for (const name of names) {
    const value = el.children(tag(name)).first().text().trim();
    if (value) return value;
  }
  return null;
}

/** Atom titles may be typed HTML ("&lt;b&gt;Brand&lt;/b&gt; ..."); plain text either way. */
function titleOf(el: Cheerio<Element>): string | null {
  const node = el.children('title').first();
  if (node.length === 0) return null;
  const text = node.attr('type') === 'html' || node.attr('type') === 'xhtml' ? htmlToText(node.attr('type') === 'xhtml' ? (node.html() ?? '') : node.text()) : node.text().replace(/\s+/g, ' ').trim();
  return text || null;
}

function atomLink(el: Cheerio<Element>): string | null {
  const links = el.children('link').toArray();
  const alternate = links.find((l) => !l.attribs.rel || l.attribs.rel === 'alternate') ?? links[0];
  return alternate?.attribs.href?.trim() || null;
}

function atomAuthor(el: Cheerio<Element>): string | null {
  const author = el.children('author').first();
  return author.length > 0 ? author.children('name').text().trim() || author.text().trim() || null : null;
}

/**
 * Item bodies are escaped HTML in RSS and either escaped HTML or inline XHTML
 * in Atom; both come out as plain text.
 */
function bodyText(node: Cheerio<Element> | null): string {
  if (!node) return '';
  const type = node.attr('type');
  const inner = type === 'xhtml' ? (node.html() ?? '') : node.text();
  return type === 'text' ? inner.replace(/\s+/g, ' ').trim() : htmlToText(inner);
}

function rssEntry(el: Cheerio<Element>): FeedEntry {
  const link = childText(el, ['link']) ?? el.attr('rdf:about') ?? null;
  return {
    id: childText(el, ['guid']) ?? link,
    link,
    title: titleOf(el),
    text: bodyText(first(el, ['content:encoded', 'description'])),
    publishedAt: toIsoUtc(childText(el, ['pubDate', 'dc:date', 'published', 'updated'])),
    author: childText(el, ['dc:creator', 'author']),
    el,
  };
}

function atomEntry(el: Cheerio<Element>): FeedEntry {
  const link = atomLink(el);
  return {
    id: childText(el, ['id']) ?? link,
    link,
    title: titleOf(el),
    // Media feeds (YouTube) keep the body in media:group/media:description, as plain text.
    text: bodyText(first(el, ['content', 'summary'])) || el.find(tag('media:description')).first().text().trim(),
    publishedAt: toIsoUtc(childText(el, ['published', 'updated'])),
    author: atomAuthor(el),
    el,
  };
}

/** Parses a feed or throws "<source>: expected an RSS or Atom feed; got HTML". */
export function parseFeed(body: string, source: string): Feed {
  const kind = describeBody(body);
  const fail = () => new Error(`${source}: expected an RSS or Atom feed; got ${kind}`);
  if (!kind.startsWith('XML')) throw fail();
  const $ = load(body, { xml: true });
  const root = $.root().children().first();
  const rootName = root.get(0)?.name;
  if (rootName === 'feed') {
    return { format: 'atom', title: childText(root, ['title']), $, entries: root.children('entry').toArray().map((e) => atomEntry($(e))) };
  }
  if (rootName === 'rss') {
    const channel = root.children('channel').first();
    return { format: 'rss', title: childText(channel, ['title']), $, entries: channel.children('item').toArray().map((e) => rssEntry($(e))) };
  }
  if (rootName === 'rdf:RDF') {
    const channel = root.children('channel').first();
    return { format: 'rdf', title: childText(channel, ['title']), $, entries: root.children('item').toArray().map((e) => rssEntry($(e))) };
  }
  throw fail();
}
