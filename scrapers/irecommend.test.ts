import { describe, expect, it } from 'vitest';
import { irecommend, parseIrecommend } from './irecommend.ts';
import { assertValid, fixture } from './lib/fixture.ts';

const URL1 = 'https://irecommend.ru/content/magazin-primer';

describe('irecommend parser', () => {
  it('reads reviews, lit stars, Moscow dates and the next page', () => {
    const { mentions, next } = parseIrecommend(fixture('irecommend', 'page-1.html'), URL1);
    assertValid(mentions);
    expect(mentions.map((m) => m.rating)).toEqual([1, 5, 3]);
    expect(mentions[0]).toMatchObject({
      externalId: '7012345',
      url: 'https://irecommend.ru/content/otzyv-o-magazin-primer-obman-7012345',
      author: 'Katya_S',
      title: 'Обман с доставкой',
      text: 'Заказала платье, привезли другой размер, возврат оформляют уже месяц. Не рекомендую.',
      publishedAt: '2025-03-14T18:47:00.000Z',
    });
    expect(next).toEqual(['https://irecommend.ru/content/magazin-primer?page=1']);
  });

  it('decodes a windows-1251 last page without a next link', () => {
    const { mentions, next } = parseIrecommend(fixture('irecommend', 'page-2-last-cp1251.html'), `${URL1}?page=1`);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ externalId: '6900001', author: 'Дмитрий', rating: 4, title: 'Неплохо', publishedAt: '2024-12-01T07:30:00.000Z' });
    expect(next).toEqual([]);
  });

  it('returns nothing for a product without reviews', () => {
    expect(parseIrecommend(fixture('irecommend', 'empty.html'), URL1)).toEqual({ mentions: [], next: [] });
  });

  it('throws a clear error when the layout changed', () => {
    expect(() => parseIrecommend(fixture('irecommend', 'changed-layout.html'), URL1)).toThrow('irecommend: no review list (.list-comments) on the page; the layout may have changed');
  });

  it('starts from the slug or the target url', () => {
    expect(irecommend.start({ id: 't', keywords: [] }, irecommend.options.parse({ slug: 'magazin-primer' }))).toEqual([URL1]);
    expect(irecommend.start({ id: 't', url: URL1, keywords: [] }, irecommend.options.parse({ base_url: 'http://127.0.0.1:7' }))).toEqual(['http://127.0.0.1:7/content/magazin-primer']);
  });
});
