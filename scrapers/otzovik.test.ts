import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertValid, fixture } from './lib/fixture.ts';
import { otzovik, parseOtzovik } from './otzovik.ts';

const URL1 = 'https://otzovik.com/reviews/bank_primer/';

describe('otzovik parser', () => {
  it('reads reviews, star scores, dates, pros/cons and the next page', () => {
    const { mentions, next } = parseOtzovik(fixture('otzovik', 'page-1.html'), URL1);
    assertValid(mentions);
    expect(mentions).toHaveLength(2);
    expect(mentions[0]).toMatchObject({
      externalId: '15123456',
      url: 'https://otzovik.com/review_15123456.html',
      author: 'Наталья_М',
      rating: 2,
      title: 'Навязали страховку',
      publishedAt: '2025-03-14T15:22:00.000Z',
      location: 'Россия, Казань',
      metrics: { comments: 4 },
    });
    expect(mentions[0]?.text).toBe(
      'Достоинства: быстрое приложение\nНедостатки: навязывают услуги, долго ждать оператора\nОформляла кредит в отделении, в договор включили страховку без моего согласия. Отказаться удалось только через неделю.',
    );
    expect(mentions[1]).toMatchObject({ externalId: '15123001', rating: 5 });
    expect(next).toEqual(['https://otzovik.com/reviews/bank_primer/2/']);
  });

  it('decodes a windows-1251 page and reads a text-only date on the last page', () => {
    const bytes = readFileSync(new URL('./fixtures/otzovik/page-2-last-cp1251.html', import.meta.url));
    expect(bytes.includes(Buffer.from('Сергей', 'utf8'))).toBe(false); // really saved as windows-1251
    const { mentions, next } = parseOtzovik(fixture('otzovik', 'page-2-last-cp1251.html'), 'https://otzovik.com/reviews/bank_primer/2/');
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ author: 'Сергей', rating: 3, title: 'Обычный банк', publishedAt: '2025-01-05T11:30:00.000Z' });
    expect(next).toEqual([]);
  });

  it('returns nothing for a product without reviews', () => {
    expect(parseOtzovik(fixture('otzovik', 'empty.html'), URL1)).toEqual({ mentions: [], next: [] });
  });

  it('throws a clear error when the layout changed, but lets a captcha page through as empty', () => {
    expect(() => parseOtzovik(fixture('otzovik', 'changed-layout.html'), URL1)).toThrow('otzovik: no review list (.review-list-chunk) on the page; the layout may have changed');
    expect(parseOtzovik('<html><body>Подтвердите, что вы не робот</body></html>', URL1).mentions).toEqual([]);
  });

  it('keeps the pagination on a mirror', () => {
    expect(parseOtzovik(fixture('otzovik', 'page-1.html'), 'http://127.0.0.1:5/reviews/bank_primer/', { base_url: 'http://127.0.0.1:5' }).next).toEqual([
      'http://127.0.0.1:5/reviews/bank_primer/2/',
    ]);
    expect(otzovik.start({ id: 't', keywords: [] }, otzovik.options.parse({ slug: 'bank_primer' }))).toEqual([URL1]);
  });
});
