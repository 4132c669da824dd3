import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsedMentionSchema } from '../src/crawl/mention.ts';
import { mastodon, mastodonOptionsSchema, parseMastodon } from './mastodon.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/mastodon/${name}`, import.meta.url), 'utf8');
const TAG = 'https://mastodon.example/api/v1/timelines/tag/%D1%81%D0%B1%D0%B5%D1%80?limit=40';

describe('mastodon parser on own fixtures', () => {
  it('reads statuses: HTML content to text, reply parent, boosts as the boosted status', () => {
    const { mentions, next } = parseMastodon(fixture('tag-page.json'), TAG);
    for (const m of mentions) parsedMentionSchema.parse(m);
    expect(mentions[0]).toMatchObject({
      externalId: '112000000000000003',
      url: 'https://mastodon.example/@ivan/112000000000000003',
      author: 'Иван',
      text: 'Опять #Сбер не работает !\n\nВторая строка\nтретья строка',
      lang: 'ru',
      publishedAt: '2024-03-01T09:15:00.000Z',
      parentId: null,
      metrics: { replies: 1, reblogs: 2, favourites: 3 },
    });
    expect(mentions[1]).toMatchObject({ externalId: '112000000000000002', parentId: '112000000000000003', text: '@ivan Уже чиним.', author: 'Поддержка' });
    expect(mentions[2]).toMatchObject({ externalId: '111999999999999999', author: 'Bob', title: 'outage', text: 'Sber outage thread 🧵', lang: 'en', raw: { acct: 'bob@other.example', boostedBy: 'jane@other.example' } });
    // max_id is the oldest id of the page's own entries (the boost), compared as big integers.
    expect(next).toEqual([`${TAG}&max_id=112000000000000001`]);
  });

  it('reads v2 search results and pages them by offset', () => {
    const url = 'https://mastodon.example/api/v2/search?q=sber&type=statuses&limit=40';
    const { mentions, next } = parseMastodon(fixture('search.json'), url);
    expect(mentions.map((m) => m.externalId)).toEqual(['112000000000000002']);
    expect(next).toEqual([`${url}&offset=1`]);
  });

  it('returns nothing for an empty page and throws on the wrong shape', () => {
    expect(parseMastodon(fixture('empty.json'), TAG)).toEqual({ mentions: [], next: [] });
    expect(() => parseMastodon(fixture('error.json'), TAG)).toThrow(/mastodon: expected a Mastodon statuses array/);
    expect(() => parseMastodon('<!DOCTYPE html><html></html>', TAG)).toThrow(/got HTML/);
  });

  it('builds tag and search URLs', () => {
    expect(mastodon.start({ id: 't', keywords: [] }, mastodonOptionsSchema.parse({ tag: 'сбер' }))).toEqual(['https://mastodon.social/api/v1/timelines/tag/%D1%81%D0%B1%D0%B5%D1%80?limit=40']);
    expect(mastodon.start({ id: 't', query: 'Sber', keywords: [] }, mastodonOptionsSchema.parse({ base_url: 'http://127.0.0.1:7' }))).toEqual(['http://127.0.0.1:7/api/v2/search?q=Sber&type=statuses&resolve=false&limit=40']);
  });
});

const REAL = '/work/shared/fixtures/mastodon/timelines-tag.json';
describe.skipIf(!existsSync(REAL))('mastodon parser on the real 2017 tag timeline', () => {
  it('returns the 20 statuses with exact fields', () => {
    const url = 'https://friends.nico/api/v1/timelines/tag/mastodon';
    const { mentions, next } = parseMastodon(readFileSync(REAL, 'utf8'), url);
    expect(mentions).toHaveLength(20);
    expect(mentions[0]).toMatchObject({
      externalId: '714859',
      url: 'https://mastodon.social/users/jeroenpraat/updates/2014093',
      author: 'jeroenpraat',
      publishedAt: '2017-04-21T15:00:42.000Z',
      parentId: '675923',
      lang: null,
      metrics: { reblogs: 0, favourites: 0 },
    });
    expect(mentions[0]?.text.startsWith('@alexl @deadsuperhero Yes, but not only #Mastodon should be compatible')).toBe(true);
    // An empty display name falls back to the account; emoji shortcodes are dropped.
    expect(mentions[2]?.author).toBe('armavi@framapiaf.org');
    expect(mentions[3]?.author).toBe('いつもの匠✅');
    expect(mentions.filter((m) => m.parentId)).toHaveLength(8);
    expect(next).toEqual([`${url}?max_id=692622`]);
  });
});
