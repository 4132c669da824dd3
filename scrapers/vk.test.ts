import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsedMentionSchema } from '../src/crawl/mention.ts';
import { parseVk, vk, vkOptionsSchema } from './vk.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/vk/${name}`, import.meta.url), 'utf8');
const SEARCH = 'https://api.vk.com/method/newsfeed.search?q=%D0%A1%D0%B1%D0%B5%D1%80&count=100&extended=1&v=5.199';

describe('vk parser (own fixtures only)', () => {
  it('reads newsfeed.search posts with authors, metrics and next_from', () => {
    const { mentions, next } = parseVk(fixture('newsfeed-page.json'), SEARCH);
    for (const m of mentions) parsedMentionSchema.parse(m);
    expect(mentions[0]).toEqual({
      externalId: '-12345_1001',
      url: 'https://vk.com/wall-12345_1001',
      author: 'Подслушано у банка',
      rating: null,
      title: null,
      text: 'Сбер снова не работает. Что у вас случилось?',
      lang: null,
      publishedAt: '2024-03-01T09:15:00.000Z',
      parentId: null,
      metrics: { likes: 15, views: 2300, replies: 4, reposts: 1 },
    });
    expect(mentions[1]).toMatchObject({ externalId: '555_77', author: 'Иван Петров', raw: { edited: true } });
    expect(next).toEqual([`${SEARCH}&start_from=5%2F-12345_1001`]);
  });

  it('reads wall.getComments with parent links; deleted comments skipped; offset paging ends at count', () => {
    const url = 'https://api.vk.com/method/wall.getComments?owner_id=-12345&post_id=1001&count=100&extended=1&v=5.199';
    const { mentions, next } = parseVk(fixture('wall-comments.json'), url);
    expect(mentions.map((m) => [m.externalId, m.parentId, m.author])).toEqual([
      ['-12345_1001_c9001', '-12345_1001', 'Иван Петров'],
      ['-12345_1001_c9002', '-12345_1001_c9001', 'Подслушано у банка'],
    ]);
    expect(mentions[0]).toMatchObject({ url: 'https://vk.com/wall-12345_1001?reply=9001', metrics: { likes: 2, replies: 1 } });
    expect(next).toEqual([]);
  });

  it('returns nothing for an empty page', () => {
    expect(parseVk(fixture('empty.json'), SEARCH)).toEqual({ mentions: [], next: [] });
  });

  it('throws clear errors for a rejected token, a rate limit and wrong shapes', () => {
    expect(() => parseVk(fixture('error-token.json'), SEARCH)).toThrow(/vk: the access token was rejected \(error 5/);
    expect(() => parseVk(fixture('error-rate.json'), SEARCH)).toThrow(/vk: rate limit reached \(error 6/);
    expect(() => parseVk('<html><body>vk.com</body></html>', SEARCH)).toThrow('vk: expected a VK API JSON object { response: { items } }; got HTML');
  });

  it('takes the token from the env var named in token_env', () => {
    const options = vkOptionsSchema.parse({ token_env: 'REPWATCH_TEST_VK_TOKEN_UNSET' });
    expect(vk.start({ id: 't', query: 'Сбер', keywords: [] }, options)).toEqual([SEARCH]);
    expect(vk.start({ id: 't', keywords: [] }, vkOptionsSchema.parse({ owner_id: -12345 }))[0]).toMatch(/^https:\/\/api\.vk\.com\/method\/wall\.get\?owner_id=-12345&/);
  });
});
