import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsedMentionSchema } from '../src/crawl/mention.ts';
import { hackernews, hackernewsOptionsSchema, parseHackernews } from './hackernews.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/hackernews/${name}`, import.meta.url), 'utf8');
const URL_0 = 'https://hn.algolia.com/api/v1/search_by_date?query=sber&tags=%28story%2Ccomment%29&hitsPerPage=100';

describe('hackernews parser (own fixtures only)', () => {
  it('reads stories and comments with parents, HTML to text, and pages by page/nbPages', () => {
    const { mentions, next } = parseHackernews(fixture('page-0.json'), URL_0);
    for (const m of mentions) parsedMentionSchema.parse(m);
    expect(mentions[0]).toEqual({
      externalId: '39500002',
      url: 'https://news.ycombinator.com/item?id=39500002',
      author: 'pg_fan',
      rating: null,
      title: 'Sber outage',
      text: 'Their app has been down for hours.\n\nSber\'s status page says "all good" though.',
      lang: null,
      publishedAt: '2024-03-01T10:00:00.000Z',
      parentId: '39500001',
      metrics: {},
      raw: { storyId: '39500001' },
    });
    expect(mentions[1]).toMatchObject({ externalId: '39500001', title: 'Sber outage', text: 'https://example.com/sber-outage', parentId: null, metrics: { points: 12, replies: 3 } });
    expect(mentions[2]).toMatchObject({ title: 'Ask HN: Сбер API docs?', text: 'Где найти документацию?\n\nСпасибо!' });
    expect(next).toEqual([`${URL_0}&page=1`]);
  });

  it('ends on the last page; empty results are empty; other bodies throw', () => {
    expect(parseHackernews(fixture('page-1-last.json'), `${URL_0}&page=1`).next).toEqual([]);
    expect(parseHackernews(fixture('empty.json'), URL_0)).toEqual({ mentions: [], next: [] });
    expect(() => parseHackernews('<html><body>502</body></html>', URL_0)).toThrow('hackernews: expected an Algolia search JSON object with hits[]; got HTML');
    expect(() => parseHackernews('{"message":"Invalid"}', URL_0)).toThrow(/hackernews: expected an Algolia search JSON object/);
  });

  it('searches each keyword on its own', () => {
    const urls = hackernews.start({ id: 't', keywords: ['Sber', 'Сбер'] }, hackernewsOptionsSchema.parse({ base_url: 'http://127.0.0.1:3' }));
    expect(urls).toEqual([
      'http://127.0.0.1:3/api/v1/search_by_date?query=Sber&tags=%28story%2Ccomment%29&hitsPerPage=100',
      'http://127.0.0.1:3/api/v1/search_by_date?query=%D0%A1%D0%B1%D0%B5%D1%80&tags=%28story%2Ccomment%29&hitsPerPage=100',
    ]);
  });
});
