import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsedMentionSchema } from '../src/crawl/mention.ts';
import { parseRss, unwrapRedirect } from './rss.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/rss/${name}`, import.meta.url), 'utf8');

describe('rss parser (own fixtures only)', () => {
  it('reads RSS 2.0 items: guid or link as id, HTML description to text, pubDate to UTC, dc:creator', () => {
    const { mentions, next } = parseRss(fixture('news.rss'));
    for (const m of mentions) parsedMentionSchema.parse(m);
    expect(mentions).toEqual([
      {
        externalId: 'news-example-20240301-001',
        url: 'https://news.example/2024/03/01/sber',
        author: 'Мария Иванова',
        rating: null,
        title: 'Сбер восстановил работу приложения',
        text: 'После сбоя утром приложение снова доступно.\n\nПодробности — в материале.',
        lang: null,
        publishedAt: '2024-03-01T09:30:00.000Z',
        parentId: null,
      },
      expect.objectContaining({ externalId: 'https://news.example/2024/02/29/rates', author: null, text: 'The central bank kept rates & guidance unchanged.', publishedAt: '2024-02-29T18:00:00.000Z' }),
    ]);
    expect(next).toEqual([]);
  });

  it('reads a Google Alerts Atom feed: HTML title, unwrapped link, empty author', () => {
    const { mentions } = parseRss(fixture('google-alerts.atom'));
    expect(mentions).toEqual([
      expect.objectContaining({
        externalId: 'tag:google.com,2013:googlealerts/feed:111',
        url: 'https://media.example/sber-new',
        title: 'Сбер запустил новый сервис',
        text: 'Банк Сбер представил сервис для малого бизнеса ...',
        author: null,
        publishedAt: '2024-03-01T09:45:00.000Z',
      }),
    ]);
    expect(unwrapRedirect('https://news.example/a')).toBe('https://news.example/a');
  });

  it('returns nothing for an empty feed and throws on HTML or JSON', () => {
    expect(parseRss(fixture('empty.rss'))).toEqual({ mentions: [], next: [] });
    expect(() => parseRss(fixture('not-a-feed.html'))).toThrow('rss: expected an RSS or Atom feed; got HTML');
    expect(() => parseRss('{"items":[]}')).toThrow('rss: expected an RSS or Atom feed; got a JSON object');
    expect(() => parseRss('<?xml version="1.0"?><sitemap/>')).toThrow('rss: expected an RSS or Atom feed; got XML <sitemap>');
  });
});
