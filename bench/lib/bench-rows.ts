import type { ParsedMention } from '../../src/crawl/mention.ts';
import { makeReview } from './review-site.ts';

/** The mentions both ingest benches store: target "shop", oldest first. */
export function benchRows(count: number): ParsedMention[] {
  const out: ParsedMention[] = [];
  for (let n = count; n >= 1; n--) {
    const r = makeReview('shop', n);
    out.push({
      externalId: r.id,
      url: `http://127.0.0.1/t/shop/reviews#${r.id}`,
      author: r.author,
      rating: r.rating,
      title: r.title,
      text: r.text,
      lang: /[а-я]/i.test(r.text) ? 'ru' : 'en',
      publishedAt: r.date,
      location: 'Main street',
    });
  }
  return out;
}

export function pages<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
