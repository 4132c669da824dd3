import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsedMentionSchema } from '../src/crawl/mention.ts';
import { bluesky, blueskyOptionsSchema, parseBluesky, tidTime } from './bluesky.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/bluesky/${name}`, import.meta.url), 'utf8');
const SEARCH = 'https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=sber&sort=latest&limit=100';
const ROOT = 'at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/3lmaaaaaaaa2a';

describe('bluesky parser on own fixtures', () => {
  it('reads searchPosts posts[], replies with parentId, and pages by cursor', () => {
    const { mentions, next } = parseBluesky(fixture('search-page.json'), SEARCH);
    for (const m of mentions) parsedMentionSchema.parse(m);
    expect(mentions[0]).toMatchObject({
      externalId: ROOT,
      url: 'https://bsky.app/profile/ivan.bsky.social/post/3lmaaaaaaaa2a',
      author: 'Иван Петров',
      text: 'Сбер опять лежит, перевод не проходит 😡',
      lang: 'ru',
      publishedAt: '2024-03-01T09:15:00.000Z',
      parentId: null,
      metrics: { replies: 1, reposts: 2, likes: 10, quotes: 0 },
    });
    // An empty display name falls back to the handle; the offset date is converted to UTC.
    expect(mentions[1]).toMatchObject({ author: 'sber-help.bsky.social', parentId: ROOT, publishedAt: '2024-03-01T06:20:00.000Z', lang: 'ru' });
    expect(next).toEqual([`${SEARCH}&cursor=cursor-page-2`]);
  });

  it('reads getAuthorFeed feed[] items: reposts, stubs skipped, duplicates once, no cursor = last page', () => {
    const { mentions, next } = parseBluesky(fixture('author-feed-last.json'), 'https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=x');
    expect(mentions.map((m) => m.externalId.split('/').at(-1))).toEqual(['3lmcccccccc2c', '3lmbbbbbbbb2b', '3lmaaaaaaaa2a']);
    expect(mentions[0]?.url).toBe('https://bsky.app/profile/did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/post/3lmcccccccc2c');
    expect(mentions[2]?.raw).toMatchObject({ repostedBy: 'sber-help.bsky.social' });
    expect(next).toEqual([]);
  });

  it('returns nothing for an empty page and throws on the wrong shape', () => {
    expect(parseBluesky(fixture('empty.json'), SEARCH)).toEqual({ mentions: [], next: [] });
    expect(() => parseBluesky(fixture('error.json'), SEARCH)).toThrow(/bluesky: expected a searchPosts \/ getAuthorFeed response/);
    expect(() => parseBluesky('<html><body>Bad gateway</body></html>', SEARCH)).toThrow(/got HTML/);
  });

  it('decodes TID record keys', () => {
    expect(tidTime('3kbpuogc6fz2o')).toBe('2023-10-14T15:16:37.389Z');
    expect(tidTime('not-a-tid')).toBeNull();
  });

  it('builds the search and author-feed URLs', () => {
    expect(bluesky.start({ id: 't', query: 'Сбер', keywords: [] }, blueskyOptionsSchema.parse({ lang: 'ru' }))).toEqual([
      'https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=%D0%A1%D0%B1%D0%B5%D1%80&sort=latest&lang=ru&limit=100',
    ]);
    expect(bluesky.start({ id: 't', keywords: [] }, blueskyOptionsSchema.parse({ actor: 'ivan.bsky.social', base_url: 'http://127.0.0.1:5' }))).toEqual([
      'http://127.0.0.1:5/xrpc/app.bsky.feed.getAuthorFeed?actor=ivan.bsky.social&limit=100',
    ]);
  });
});

const REAL = '/work/shared/fixtures/bluesky/posts.json';
describe.skipIf(!existsSync(REAL))('bluesky parser on the real posts.json (a bare array)', () => {
  const body = readFileSync(REAL, 'utf8');
  const { mentions, next } = parseBluesky(body, 'file:///posts.json');

  it('reads all 123 entries, 119 distinct posts (4 uris occur twice)', () => {
    expect(JSON.parse(body)).toHaveLength(123);
    expect(mentions).toHaveLength(123);
    expect(new Set(mentions.map((m) => m.externalId)).size).toBe(119);
    expect(next).toEqual([]);
    for (const m of mentions) parsedMentionSchema.parse(m);
  });

  it('has exact fields for known posts', () => {
    expect(mentions[0]).toMatchObject({
      externalId: 'at://did:plc:crmrddqmbqzyqd24yjlpibz2/app.bsky.feed.post/3lkizm6uvhc2b',
      url: 'https://bsky.app/profile/pecqueuxanthony.bsky.social/post/3lkizm6uvhc2b',
      author: 'Anthony Pecqueux',
      lang: 'fr',
      publishedAt: '2025-03-16T16:09:09.779Z',
    });
    expect(mentions[0]?.text.startsWith("Autre extrait de cet article, ce passage d'un rapport Hcéres")).toBe(true);
    expect(mentions.filter((m) => m.parentId).length).toBeGreaterThanOrEqual(13);
    // The year-0000 createdAt is replaced by the time in the record key.
    expect(mentions.find((m) => m.externalId.endsWith('/3kbpuogc6fz2o'))?.publishedAt).toBe('2023-10-14T15:16:37.389Z');
    expect(mentions.every((m) => m.publishedAt && m.publishedAt >= '2000')).toBe(true);
  });
});
