import { describe, expect, it } from 'vitest';
import { appStore, parseAppStore } from './app-store.ts';
import { assertValid, fixture } from './lib/fixture.ts';

const feed = (page: number) => `https://itunes.apple.com/ru/rss/customerreviews/page=${page}/id=1234567890/sortby=mostrecent/json`;

describe('app-store parser', () => {
  it('skips the app entry and reads reviews, ratings, dates and the next page', () => {
    const { mentions, next } = parseAppStore(fixture('app-store', 'page-1.json'), feed(1));
    assertValid(mentions);
    expect(mentions.map((m) => m.externalId)).toEqual(['10987654321', '10987654320', '10987654319']);
    expect(mentions[0]).toMatchObject({
      author: 'ivan_p',
      rating: 1,
      title: 'Не работает вход',
      text: 'После обновления приложение вылетает при входе. Верните старую версию!',
      publishedAt: '2025-03-14T17:20:30.000Z',
      location: 'ru',
      url: 'https://apps.apple.com/ru/app/id1234567890',
      metrics: { vote_sum: 5, vote_count: 7 },
    });
    expect(next).toEqual([feed(2)]);
  });

  it('reads a page whose single entry is an object, and stops at the last page', () => {
    const { mentions, next } = parseAppStore(fixture('app-store', 'page-2-last.json'), feed(2));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ externalId: '10987654300', rating: 4, publishedAt: '2025-01-01T20:00:00.000Z' });
    expect(next).toEqual([]);
  });

  it('never goes past page 10', () => {
    expect(parseAppStore(fixture('app-store', 'page-1.json').replace(/page=2\//g, 'page=12/'), feed(10)).next).toEqual([]);
  });

  it('returns nothing for an app without reviews', () => {
    expect(parseAppStore(fixture('app-store', 'empty.json'), feed(1))).toEqual({ mentions: [], next: [] });
  });

  it('throws a clear error for a response of another shape', () => {
    expect(() => parseAppStore(fixture('app-store', 'changed-layout.json'), feed(1))).toThrow(/app-store: the customer-reviews feed .* does not have the expected shape \(feed:/);
    expect(() => parseAppStore('<html>Not Found</html>', feed(1))).toThrow(/app-store: .* is not JSON/);
  });

  it('builds the feed URL from the app id or an apps.apple.com link', () => {
    expect(appStore.start({ id: 't', url: 'https://apps.apple.com/ru/app/primer/id1234567890', keywords: [] }, appStore.options.parse({ country: 'ru' }))).toEqual([feed(1)]);
    expect(appStore.start({ id: 't', keywords: [] }, appStore.options.parse({ app_id: '42', base_url: 'http://127.0.0.1:1' }))).toEqual([
      'http://127.0.0.1:1/us/rss/customerreviews/page=1/id=42/sortby=mostrecent/json',
    ]);
  });
});
