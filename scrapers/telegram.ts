/**
 * telegram: public Telegram channels through their web preview
 * `https://t.me/s/<channel>`, older posts via `?before=<post id>`.
 * Emits per post: id "<channel>/<n>" (data-post), url, author (signature or
 * channel title), text, publishedAt, metrics.views ("37.2K" → 37200),
 * parentId for replies, raw.edited / raw.forwardedFrom.
 */
import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { z } from 'zod';
import { toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult, type TargetSpec } from '../src/crawl/scraper.ts';
import { describeBody, withBase } from './lib/body-shape.ts';
import { nodesText, parseCount } from './lib/html-text.ts';

const CHANNEL = /^[A-Za-z][A-Za-z0-9_]{3,}$/;

export const telegramOptionsSchema = z
  .object({
    /** Channel username without "@"; otherwise taken from the target's url (t.me/<channel>). */
    channel: z.string().regex(CHANNEL, 'a Telegram channel username').optional(),
    /** For mirrors and tests: replaces https://t.me. */
    base_url: z.string().url().optional(),
  })
  .strict();

export type TelegramOptions = z.infer<typeof telegramOptionsSchema>;

/** Channel name out of t.me/<channel>, t.me/s/<channel> or @channel. */
export function channelOf(ref: string): string | null {
  const at = /^@?([A-Za-z][A-Za-z0-9_]{3,})$/.exec(ref.trim());
  if (at?.[1]) return at[1];
  try {
    const parts = new URL(ref).pathname.split('/').filter(Boolean);
    const name = parts[0] === 's' ? parts[1] : parts[0];
    return name && CHANNEL.test(name) ? name : null;
  } catch {
    return null;
  }
}

function start(target: TargetSpec, options: TelegramOptions): string[] {
  const channel = options.channel ?? (target.url ? channelOf(target.url) : null);
  return channel ? [withBase(`https://t.me/s/${channel}`, options.base_url)] : [];
}

/** The post body: the outermost message text that is not a quoted reply or a link preview. */
function bodyOf($: CheerioAPI, msg: Cheerio<Element>): string {
  const own = msg
    .find('.tgme_widget_message_text')
    .filter((_, el) => $(el).parents('.tgme_widget_message_text, .tgme_widget_message_reply, .tgme_widget_message_link_preview').length === 0)
    .first();
  return own.length > 0 ? nodesText(own.contents().toArray()) : '';
}

/** "https://t.me/chan/123" → "chan/123", the same form as data-post. */
function postRef(href: string | undefined): string | null {
  if (!href) return null;
  const m = /t\.me\/(?:s\/)?([A-Za-z0-9_]+)\/(\d+)/.exec(href);
  return m ? `${m[1]}/${m[2]}` : null;
}

function parsePost($: CheerioAPI, msg: Cheerio<Element>, post: string, channelTitle: string | null): ParsedMention {
  const dateLink = msg.find('.tgme_widget_message_date').first();
  const meta = msg.find('.tgme_widget_message_meta').first();
  const views = parseCount(msg.find('.tgme_widget_message_views').first().text());
  const signature = msg.find('.tgme_widget_message_from_author').first().text().trim();
  const owner = msg.find('.tgme_widget_message_owner_name').first().text().trim();
  const forwardedFrom = msg.find('.tgme_widget_message_forwarded_from_name').first().text().trim();
  // "edited" sits in the meta span next to the date link.
  const edited = /\bedited\b|изменено/i.test(meta.clone().children('.tgme_widget_message_date').remove().end().text());
  const raw: Record<string, unknown> = {};
  if (edited) raw.edited = true;
  if (forwardedFrom) raw.forwardedFrom = forwardedFrom;
  return {
    externalId: post,
    url: dateLink.attr('href') ?? `https://t.me/${post}`,
    author: signature || owner || channelTitle,
    rating: null,
    title: null,
    text: bodyOf($, msg),
    lang: null,
    publishedAt: toIsoUtc(dateLink.find('time').attr('datetime') ?? msg.find('time[datetime]').first().attr('datetime')),
    parentId: postRef(msg.find('.tgme_widget_message_reply').first().attr('href')),
    ...(views !== null ? { metrics: { views } } : {}),
    ...(Object.keys(raw).length > 0 ? { raw } : {}),
  };
}

/** The `?before=` page for posts older than `oldest`, on the same host as the page read. */
function olderPage(pageUrl: string, channel: string, oldest: number): string {
  let u: URL;
  try {
    u = new URL(pageUrl);
  } catch {
    u = new URL(`https://t.me/s/${channel}`);
  }
  // A saved file (repwatch parse) has no host to page on: point at Telegram itself.
  // A mirror may mount the preview under a path prefix (…/mirror/s/channel): keep it.
  if (!/^https?:$/.test(u.protocol) || !/\/s\/[^/]+\/?$/.test(u.pathname)) u = new URL(`https://t.me/s/${channel}`);
  u.searchParams.delete('after');
  u.searchParams.set('before', String(oldest));
  return u.toString();
}

export function parseTelegram(body: string, url: string): ParseResult {
  const $ = load(body);
  const messages = $('.tgme_widget_message[data-post]').not('.service_message');
  if (messages.length === 0) {
    // A channel page with no posts yet is valid and empty; anything else is not a channel preview.
    if ($('.tgme_channel_info, .tme_no_messages_found, .tgme_widget_message_wrap').length > 0) return { mentions: [], next: [] };
    if ($('.tgme_page').length > 0) throw new Error('telegram: expected a t.me/s/<channel> page; got the t.me/<channel> card, so the channel has no public web preview');
    throw new Error(`telegram: expected a t.me/s/<channel> page with posts; got ${describeBody(body)} without Telegram posts`);
  }
  const channelTitle = $('meta[property="og:title"]').attr('content')?.trim() || $('.tgme_channel_info_header_title').first().text().trim() || null;
  const mentions: ParsedMention[] = [];
  const seen = new Set<string>();
  let oldest: { channel: string; id: number } | null = null;
  messages.each((_, el) => {
    const msg = $(el);
    const post = msg.attr('data-post') ?? '';
    const m = /^([A-Za-z0-9_]+)\/(\d+)$/.exec(post);
    if (!m || seen.has(post)) return;
    seen.add(post);
    const id = Number(m[2]);
    if (!oldest || id < oldest.id) oldest = { channel: m[1] as string, id };
    mentions.push(parsePost($, msg, post, channelTitle));
  });
  // Telegram marks "there is more above" with a data-before loader and a rel=prev link; the oldest page has neither.
  const hasOlder = $('.tme_messages_more[data-before], link[rel="prev"]').length > 0;
  const found = oldest as { channel: string; id: number } | null;
  const next = hasOlder && found && found.id > 1 ? [olderPage(url, found.channel, found.id)] : [];
  return { mentions, next };
}

export const telegram = defineScraper({
  id: 'telegram',
  kind: 'social',
  engine: 'http',
  description: 'Public Telegram channel posts (t.me/s/<channel> web preview)',
  options: telegramOptionsSchema,
  start,
  parse: (body, url) => parseTelegram(body, url),
});
