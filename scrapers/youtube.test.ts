import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsedMentionSchema } from '../src/crawl/mention.ts';
import { parseYoutubeFeed, youtube, youtubeOptionsSchema } from './youtube.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/youtube/${name}`, import.meta.url), 'utf8');

describe('youtube channel feed on own fixtures', () => {
  it('reads entries with video ids, descriptions, views and star ratings', () => {
    const { mentions, next } = parseYoutubeFeed(fixture('channel-feed.xml'));
    for (const m of mentions) parsedMentionSchema.parse(m);
    expect(mentions).toHaveLength(2);
    expect(mentions[0]).toEqual({
      externalId: 'AbCdEfGhIj0',
      url: 'https://www.youtube.com/watch?v=AbCdEfGhIj0',
      author: 'Банк Пример ТВ',
      rating: null,
      title: 'Обзор приложения: что нового в марте',
      text: 'Рассказываем про переводы & кешбэк.\nПодписывайтесь!',
      lang: null,
      publishedAt: '2024-03-01T12:00:00.000Z',
      parentId: null,
      metrics: { views: 12345, ratings: 321, rating_avg: 5 },
    });
    expect(mentions[1]).toMatchObject({ externalId: 'ZyXwVuTsRq9', url: 'https://www.youtube.com/shorts/ZyXwVuTsRq9', text: '', metrics: { views: 0, ratings: 0 } });
    expect(next).toEqual([]);
  });

  it('returns nothing for a channel without videos and throws on other bodies', () => {
    expect(parseYoutubeFeed(fixture('empty-feed.xml'))).toEqual({ mentions: [], next: [] });
    expect(() => parseYoutubeFeed('<!DOCTYPE html><html><body>consent</body></html>')).toThrow('youtube: expected an RSS or Atom feed; got HTML');
    expect(() => parseYoutubeFeed('<rss version="2.0"><channel></channel></rss>')).toThrow(/youtube: expected the Atom feed/);
  });

  it('starts from channel_id or a /channel/ url', () => {
    const url = 'https://www.youtube.com/feeds/videos.xml?channel_id=UCabcdefghijklmnopqrstuv';
    expect(youtube.start({ id: 't', keywords: [] }, youtubeOptionsSchema.parse({ channel_id: 'UCabcdefghijklmnopqrstuv' }))).toEqual([url]);
    expect(youtube.start({ id: 't', url: 'https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv', keywords: [] }, youtubeOptionsSchema.parse({}))).toEqual([url]);
  });
});

const REAL = '/work/shared/fixtures/youtube/channel-feed.xml';
describe.skipIf(!existsSync(REAL))('youtube parser on the real Digital Foundry feed', () => {
  it('returns the 15 entries with exact fields', () => {
    const { mentions } = parseYoutubeFeed(readFileSync(REAL, 'utf8'));
    expect(mentions).toHaveLength(15);
    expect(mentions[0]).toMatchObject({
      externalId: 'W_S7iKZZdHw',
      url: 'https://www.youtube.com/watch?v=W_S7iKZZdHw',
      author: 'Digital Foundry',
      title: 'Digital Foundry Games of 2024: The Oliver Mackenzie Collection!',
      publishedAt: '2025-01-01T16:07:24.000Z',
      metrics: { views: 23088, ratings: 1580, rating_avg: 5 },
    });
    expect(mentions[0]?.text.startsWith('As the holiday period begins to unwind')).toBe(true);
    expect(mentions.at(-1)).toMatchObject({ externalId: 'araZUoSOPmM', publishedAt: '2024-12-14T17:20:43.000Z', metrics: { views: 193479 } });
  });
});
