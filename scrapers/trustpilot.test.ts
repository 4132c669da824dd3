import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertValid, fixture } from './lib/fixture.ts';
import { parseTrustpilot, trustpilot } from './trustpilot.ts';

const URL1 = 'https://www.trustpilot.com/review/example-shop.ru?sort=recency';

describe('trustpilot parser (own fixtures)', () => {
  it('reads reviews, ratings, dates, replies and the next page', () => {
    const { mentions, next } = parseTrustpilot(fixture('trustpilot', 'page-1.html'), URL1);
    assertValid(mentions);
    expect(mentions).toHaveLength(3);
    expect(mentions[0]).toMatchObject({
      externalId: '66a1f0c2e4b0a1b2c3d4e5f1',
      url: 'https://www.trustpilot.com/reviews/66a1f0c2e4b0a1b2c3d4e5f1',
      author: 'Ирина К.',
      rating: 1,
      title: 'Заказ так и не пришёл',
      lang: 'ru',
      publishedAt: '2025-03-14T09:12:45.000Z',
      reply: 'Ирина, здравствуйте! Мы проверили заказ и вернули деньги на карту.',
      location: 'RU',
      metrics: { likes: 3 },
    });
    expect(mentions[0]?.text).toContain('Жду доставку третью неделю');
    expect(mentions[1]).toMatchObject({ rating: 5, reply: null, lang: 'en' });
    expect(next).toEqual(['https://www.trustpilot.com/review/example-shop.ru?sort=recency&page=2']);
  });

  it('has no next link on the last page', () => {
    const { mentions, next } = parseTrustpilot(fixture('trustpilot', 'page-2-last.html'), 'https://www.trustpilot.com/review/example-shop.ru?sort=recency&page=2');
    expect(mentions.map((m) => m.externalId)).toEqual(['66a1f0c2e4b0a1b2c3d4e5f4']);
    expect(next).toEqual([]);
  });

  it('returns nothing for a company without reviews', () => {
    expect(parseTrustpilot(fixture('trustpilot', 'empty.html'), URL1)).toEqual({ mentions: [], next: [] });
  });

  it('throws a clear error when the layout changed', () => {
    expect(() => parseTrustpilot(fixture('trustpilot', 'changed-layout.html'), URL1)).toThrow(/trustpilot: no __NEXT_DATA__ script on the page; the layout may have changed/);
    expect(() => parseTrustpilot(fixture('trustpilot', 'moved-reviews.html'), URL1)).toThrow(/trustpilot: __NEXT_DATA__.*reviews.*expected/);
  });

  it('builds the start URL from the domain, the target url or a mirror', () => {
    const options = trustpilot.options.parse({});
    expect(trustpilot.start({ id: 't', url: 'https://www.trustpilot.com/review/example.com', keywords: [] }, options)).toEqual(['https://www.trustpilot.com/review/example.com?sort=recency']);
    expect(trustpilot.start({ id: 't', keywords: [] }, trustpilot.options.parse({ domain: 'a.ru', base_url: 'http://127.0.0.1:9/' }))).toEqual(['http://127.0.0.1:9/review/a.ru?sort=recency']);
  });
});

const REAL = '/work/shared/fixtures/trustpilot/review-page-2025-07-07.html';

describe.skipIf(!existsSync(REAL))('trustpilot parser (real page, 2025-07-07)', () => {
  it('returns the 20 reviews of the page and the link to page 2', () => {
    const { mentions, next } = parseTrustpilot(readFileSync(REAL, 'utf8'), 'file:///review-page.html');
    assertValid(mentions);
    expect(mentions).toHaveLength(20);
    expect(new Set(mentions.map((m) => m.externalId)).size).toBe(20);
    expect(mentions[0]).toMatchObject({
      externalId: '6836054b101367b4dce3ee3e',
      author: 'Elisa Pacchioni',
      rating: 5,
      text: 'Utile e denso di argomenti interessanti grazie',
      lang: 'it',
      publishedAt: '2025-05-27T20:32:43.000Z',
      reply: null,
    });
    expect(mentions[19]).toMatchObject({ externalId: '673045e403543b43a5b153d6', author: 'Marina Marchionni', publishedAt: '2024-11-10T07:34:28.000Z' });
    expect(mentions.filter((m) => m.rating === 4)).toHaveLength(3);
    expect(mentions.every((m) => m.text.length > 0 && m.publishedAt !== null)).toBe(true);
    expect(next).toEqual(['https://it.trustpilot.com/review/studiosamo.it?sort=recency&page=2']);
  });
});
