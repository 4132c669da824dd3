import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsedMentionSchema } from '../src/crawl/mention.ts';
import { parseReddit, reddit, redditCredentials, redditOptionsSchema } from './reddit.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/reddit/${name}`, import.meta.url), 'utf8');
const SEARCH = 'https://www.reddit.com/search.json?q=%D1%81%D0%B1%D0%B5%D1%80&sort=new&limit=100';

describe('reddit parser on own fixtures', () => {
  it('reads t3 posts of a search Listing and pages with after', () => {
    const { mentions, next } = parseReddit(fixture('search-page.json'), SEARCH);
    expect(mentions.map((m) => m.externalId)).toEqual(['t3_1aaa01', 't3_1aaa02']);
    for (const m of mentions) parsedMentionSchema.parse(m);
    expect(mentions[0]).toMatchObject({
      url: 'https://www.reddit.com/r/russia/comments/1aaa01/slug/',
      author: 'ivan_petrov',
      title: 'Сбер не работает с утра',
      // Without raw_json=1 Reddit escapes "&"; the parser undoes it.
      text: 'Приложение Сбера не открывается, & поддержка молчит.',
      publishedAt: '2024-03-01T09:15:00.000Z',
      parentId: null,
      metrics: { score: 42, replies: 3 },
      raw: { subreddit: 'russia', edited: true },
    });
    expect(next).toEqual([`${SEARCH}&after=t3_1aaa02`]);
  });

  it('keeps escapes as written when raw_json=1 was asked for', () => {
    const { mentions } = parseReddit(fixture('search-page.json'), `${SEARCH}&raw_json=1`);
    expect(mentions[0]?.text).toContain('&amp;');
  });

  it('reads a thread: the post, comments with parents, nested replies; skips "more"', () => {
    const { mentions, next } = parseReddit(fixture('thread.json'), 'https://www.reddit.com/comments/1aaa01.json');
    expect(mentions.map((m) => [m.externalId, m.parentId])).toEqual([
      ['t3_1aaa01', null],
      ['t1_kc0001', 't3_1aaa01'],
      ['t1_kc0002', 't1_kc0001'],
    ]);
    expect(mentions[2]).toMatchObject({ author: 'sber_support', text: 'Сбой устранён, проверьте, пожалуйста.', url: 'https://www.reddit.com/r/russia/comments/1aaa01/slug/kc0002/', publishedAt: '2024-03-01T09:40:00.000Z' });
    expect(next).toEqual([]);
  });

  it('ends on the last page; [deleted] authors are null; empty pages are empty', () => {
    const last = parseReddit(fixture('last-page.json'), SEARCH);
    expect(last.mentions).toHaveLength(1);
    expect(last.mentions[0]?.author).toBeNull();
    expect(last.next).toEqual([]);
    expect(parseReddit(fixture('empty.json'), SEARCH)).toEqual({ mentions: [], next: [] });
  });

  it('reads the search.rss Atom fallback', () => {
    const { mentions, next } = parseReddit(fixture('search.rss'), 'https://www.reddit.com/search.rss?q=sber&limit=25');
    expect(mentions).toEqual([
      expect.objectContaining({ externalId: 't3_1aaa01', author: 'ivan_petrov', title: 'Сбер не работает с утра', text: 'Приложение Сбера не открывается.', publishedAt: '2024-03-01T09:15:00.000Z', raw: { subreddit: 'russia' } }),
    ]);
    expect(next).toEqual([]);
  });

  it('throws on a body of the wrong shape', () => {
    expect(() => parseReddit(fixture('blocked.html'), SEARCH)).toThrow('reddit: expected a Listing JSON object; got HTML');
    expect(() => parseReddit('{"kind":"t2","data":{}}', SEARCH)).toThrow(/reddit: expected a Listing JSON object; got a JSON object that does not fit/);
  });

  it('builds search, subreddit and mirror URLs; names the OAuth env vars', () => {
    const options = redditOptionsSchema.parse({});
    expect(reddit.start({ id: 't', query: 'Сбер', keywords: [] }, options)).toEqual(['https://www.reddit.com/search.json?q=%D0%A1%D0%B1%D0%B5%D1%80&sort=new&limit=100&raw_json=1']);
    expect(reddit.start({ id: 't', keywords: ['Sber', 'Сбер Онлайн'] }, redditOptionsSchema.parse({ base_url: 'http://127.0.0.1:1' }))[0]).toBe(
      'http://127.0.0.1:1/search.json?q=Sber+OR+%22%D0%A1%D0%B1%D0%B5%D1%80+%D0%9E%D0%BD%D0%BB%D0%B0%D0%B9%D0%BD%22&sort=new&limit=100&raw_json=1',
    );
    expect(reddit.start({ id: 't', keywords: [] }, redditOptionsSchema.parse({ subreddit: 'russia' }))).toEqual(['https://www.reddit.com/r/russia/new.json?limit=100&raw_json=1']);
    expect(redditCredentials(options, { REDDIT_CLIENT_ID: 'id', REDDIT_CLIENT_SECRET: 'secret' })).toEqual({ clientId: 'id', clientSecret: 'secret' });
    expect(redditCredentials(options, {})).toBeNull();
  });
});

const REAL = '/work/shared/fixtures/reddit/search-listing.json';
describe.skipIf(!existsSync(REAL))('reddit parser on the real search listing', () => {
  it('returns the 6 t3 posts', () => {
    const { mentions, next } = parseReddit(readFileSync(REAL, 'utf8'), 'https://www.reddit.com/search.json?q=praw');
    expect(mentions).toHaveLength(6);
    expect(mentions[0]).toMatchObject({
      externalId: 't3_3gpbiu',
      author: 'dClauzel',
      url: 'https://www.reddit.com/r/redditdev/comments/3gpbiu/prawoauth2util_problem_using_get_banned_raise/',
      publishedAt: '2015-08-12T09:08:34.000Z',
      metrics: { score: 0, replies: 21 },
      raw: { subreddit: 'redditdev', edited: true },
    });
    expect(mentions[5]).toMatchObject({ externalId: 't3_4at068', title: 'たびたび話題になるサイドバーの閲覧中ユーザ数について（また）調べた', metrics: { score: 15, replies: 0 } });
    expect(next).toEqual([]);
  });
});
