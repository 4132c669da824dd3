import { describe, expect, it } from 'vitest';
import { parseTwoGis, twoGis } from './2gis.ts';
import { assertValid, fixture } from './lib/fixture.ts';

const URL1 = 'https://public-api.reviews.2gis.com/2.0/branches/70000001012345678/reviews?limit=50&sort_by=date_created&locale=ru_RU';

describe('2gis parser', () => {
  it('reads reviews, official answers, UTC dates and next_link', () => {
    const { mentions, next } = parseTwoGis(fixture('2gis', 'page-1.json'), URL1);
    assertValid(mentions);
    expect(mentions).toHaveLength(3);
    expect(mentions[0]).toMatchObject({
      externalId: '145678901',
      url: 'https://2gis.ru/reviews/70000001012345678/review/145678901',
      author: 'Алексей Смирнов',
      rating: 2,
      text: 'Долго ждали столик, хотя бронировали заранее. Еда нормальная.',
      publishedAt: '2025-03-14T12:45:12.123Z',
      reply: 'Алексей, приносим извинения! Разберёмся с бронированием.',
      metrics: { likes: 2, comments: 1 },
    });
    expect(mentions[1]).toMatchObject({ rating: 5, reply: null, publishedAt: '2025-03-12T06:00:00.000Z' });
    expect(next).toEqual([`${URL1}&offset_date=2025-03-10T09:00:00.000000%2B07:00`]);
  });

  it('moves next_link onto a mirror', () => {
    const { next } = parseTwoGis(fixture('2gis', 'page-1.json'), URL1, { base_url: 'http://127.0.0.1:8080' });
    expect(next[0]).toMatch(/^http:\/\/127\.0\.0\.1:8080\/2\.0\/branches\/70000001012345678\/reviews\?.*offset_date=/);
  });

  it('has no next page on the last page and nothing on an empty one', () => {
    expect(parseTwoGis(fixture('2gis', 'page-2-last.json'), URL1).next).toEqual([]);
    expect(parseTwoGis(fixture('2gis', 'empty.json'), URL1)).toEqual({ mentions: [], next: [] });
  });

  it('throws a clear error for a response of another shape', () => {
    expect(() => parseTwoGis(fixture('2gis', 'changed-layout.json'), URL1)).toThrow(/2gis: the reviews response .* does not have the expected shape \(reviews:/);
  });

  it('starts from the branch id in a 2gis.ru firm URL', () => {
    const [start] = twoGis.start({ id: 't', url: 'https://2gis.ru/moscow/firm/70000001012345678', keywords: [] }, twoGis.options.parse({ api_key_env: 'TWOGIS_KEY' }), { TWOGIS_KEY: 'k' });
    expect(start).toBe(`${URL1}&key=k`);
  });
});
