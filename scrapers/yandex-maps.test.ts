import { describe, expect, it } from 'vitest';
import { assertValid, fixture } from './lib/fixture.ts';
import { parseYandexMaps, yandexMaps } from './yandex-maps.ts';

const URL1 = 'https://yandex.ru/maps/org/kafe_primer/1234567890/reviews/';

describe('yandex-maps parser', () => {
  it('reads authors, microdata ratings and dates, texts and the organization’s reply', () => {
    const { mentions, next } = parseYandexMaps(fixture('yandex-maps', 'reviews-tab.html'), URL1);
    assertValid(mentions);
    expect(mentions).toHaveLength(3);
    expect(mentions[0]).toMatchObject({
      author: 'Елена В.',
      rating: 2,
      text: 'Принесли остывший суп, официант так и не подошёл извиниться.',
      publishedAt: '2025-03-14T16:02:31.512Z',
      reply: 'Елена, спасибо за обратную связь! Мы провели беседу с персоналом и будем рады видеть вас снова.',
      url: URL1,
    });
    expect(mentions.map((m) => m.rating)).toEqual([2, 5, 4]);
    expect(mentions[1]?.reply).toBeNull();
    expect(next).toEqual([]);
  });

  it('derives ids that stay the same between crawls and differ between reviews', () => {
    const a = parseYandexMaps(fixture('yandex-maps', 'reviews-tab.html'), URL1).mentions.map((m) => m.externalId);
    const b = parseYandexMaps(fixture('yandex-maps', 'reviews-tab.html'), URL1).mentions.map((m) => m.externalId);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(3);
  });

  it('converts a 10-point microdata scale to five stars', () => {
    const tenPoint = fixture('yandex-maps', 'reviews-tab.html').replaceAll('itemprop="bestRating" content="5"', 'itemprop="bestRating" content="10"');
    expect(parseYandexMaps(tenPoint, URL1).mentions.map((m) => m.rating)).toEqual([1, 2.5, 2]);
  });

  it('falls back to the lit stars without microdata', () => {
    const noMeta = fixture('yandex-maps', 'reviews-tab.html').replace(/<span itemprop="reviewRating"[\s\S]*?<\/span>/g, '');
    expect(parseYandexMaps(noMeta, URL1).mentions.map((m) => m.rating)).toEqual([2, 5, 4]);
  });

  it('returns nothing for an empty reviews card or a captcha wall', () => {
    expect(parseYandexMaps(fixture('yandex-maps', 'no-reviews.html'), URL1)).toEqual({ mentions: [], next: [] });
    expect(parseYandexMaps(fixture('yandex-maps', 'captcha.html'), URL1)).toEqual({ mentions: [], next: [] });
  });

  it('throws a clear error when the layout changed', () => {
    expect(() => parseYandexMaps(fixture('yandex-maps', 'changed-layout.html'), URL1)).toThrow(/yandex-maps: no reviews card .* the layout may have changed/);
  });

  it('starts from the organization id', () => {
    expect(yandexMaps.start({ id: 't', keywords: [] }, yandexMaps.options.parse({ org_id: '1234567890' }))).toEqual(['https://yandex.ru/maps/org/1234567890/reviews/']);
    expect(yandexMaps.waitFor?.(yandexMaps.options.parse({}))).toContain('.business-review-view');
  });
});
