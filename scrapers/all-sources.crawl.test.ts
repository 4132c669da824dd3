/**
 * Every http scraper of the registry (generic-html has its own tests) crawled
 * through the real crawler from a local mirror of its API or pages: both pages
 * in order, the incremental stop, 401/403 (blocked, no retry), 429 with
 * Retry-After (honoured through the domain limiter), 500 (retried), and a
 * missing credential for the scrapers that name one.
 *
 * Each source gets one server for all its cases; its `base_url` option (or, for
 * rss, the target url itself) points the scraper at it. Cases that make the
 * server fail queue one-shot replies in front of the normal page.
 */
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlTarget, type CrawlResult, type PageInfo } from '../src/crawl/crawl-target.ts';
import { BlockedError } from '../src/crawl/errors.ts';
import { createDomainLimiter } from '../src/crawl/politeness.ts';
import type { AnyScraper, TargetSpec } from '../src/crawl/scraper.ts';
import { startSite, type Reply, type TestSite } from '../test/helpers/site.ts';
import { scrapers } from './index.ts';
import { fixture } from './lib/fixture.ts';

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
const RSS = 'application/rss+xml; charset=utf-8';

interface Page {
  /** Path and query as the scraper builds it under the mirror. */
  path: string;
  type: string;
  /** The body as the parser should see it (decoded). */
  text: string;
  /** What goes over the wire when it is not the UTF-8 text (a windows-1251 page). */
  bytes?: Buffer;
}

interface Source {
  id: keyof typeof scrapers;
  options: Record<string, unknown>;
  /** Whether the scraper takes `base_url` (rss has no such option: its target url is the mirror). */
  baseUrl: boolean;
  target: (base: string) => Partial<TargetSpec>;
  /** Credentials given through crawlTarget's env. */
  env?: Record<string, string>;
  /** The env var `credentials()` names; a crawl without it must not reach the server. */
  credential?: string;
  /** Newest first; the last one has no `next` (for mastodon it is the empty page the API ends with). */
  pages: Page[];
  /** Run the 429 + Retry-After case (each costs a 1 s wait). */
  retryAfter?: boolean;
  /** Extra check on the request headers of a successful crawl. */
  headers?: (seen: IncomingHttpHeaders[]) => void;
  /**
   * base_url is documented as replacing the API's URL (lib/body-shape.ts withBase keeps a path
   * prefix): a mirror under /mirror must serve every page. Every listed scraper keeps it.
   * The review sources document base_url as scheme://host[:port] only, so they are not asked.
   */
  prefix?: 'ok';
  /** Windows-1251 page 2: also served with a bare `text/html` (charset only in <meta>). */
  metaCharset?: boolean;
}

const fx = (dir: string, name: string, path: string, type: string): Page => ({ path, type, text: fixture(dir, name) });
const cp1251 = (dir: string, name: string, path: string): Page => ({
  path,
  type: 'text/html; charset=windows-1251',
  text: fixture(dir, name),
  bytes: readFileSync(new URL(`./fixtures/${dir}/${name}`, import.meta.url)),
});

const GP = '/androidpublisher/v3/applications/com.example.app/reviews?maxResults=100';
const YTC = '/youtube/v3/commentThreads?part=snippet%2Creplies&videoId=AbCdEfGhIj0&order=time&maxResults=100&textFormat=plainText&key=yt-test-key';
const VK = '/method/newsfeed.search?q=sber&count=100&extended=1&v=5.199&access_token=vk-test-token';
const HN = '/api/v1/search_by_date?query=sber&tags=%28story%2Ccomment%29&hitsPerPage=100';
const MASTO = '/api/v1/timelines/tag/sber?limit=40';

const sources: Source[] = [
  {
    id: 'trustpilot',
    options: { domain: 'example-shop.ru' },
    baseUrl: true,
    target: () => ({}),
    pages: [
      fx('trustpilot', 'page-1.html', '/review/example-shop.ru?sort=recency', HTML),
      fx('trustpilot', 'page-2-last.html', '/review/example-shop.ru?sort=recency&page=2', HTML),
    ],
    retryAfter: true,
  },
  {
    id: 'app-store',
    options: { app_id: '1234567890', country: 'ru' },
    baseUrl: true,
    target: () => ({}),
    pages: [
      fx('app-store', 'page-1.json', '/ru/rss/customerreviews/page=1/id=1234567890/sortby=mostrecent/json', JSON_TYPE),
      fx('app-store', 'page-2-last.json', '/ru/rss/customerreviews/page=2/id=1234567890/sortby=mostrecent/json', JSON_TYPE),
    ],
  },
  {
    id: '2gis',
    options: { branch_id: '70000001012345678' },
    baseUrl: true,
    target: () => ({}),
    pages: [
      fx('2gis', 'page-1.json', '/2.0/branches/70000001012345678/reviews?limit=50&sort_by=date_created&locale=ru_RU', JSON_TYPE),
      fx(
        '2gis',
        'page-2-last.json',
        '/2.0/branches/70000001012345678/reviews?limit=50&sort_by=date_created&locale=ru_RU&offset_date=2025-03-10T09:00:00.000000%2B07:00',
        JSON_TYPE,
      ),
    ],
    retryAfter: true,
  },
  {
    id: 'otzovik',
    options: { slug: 'bank_primer' },
    baseUrl: true,
    target: () => ({}),
    // The older page goes over the wire in windows-1251, as Otzovik serves it.
    pages: [fx('otzovik', 'page-1.html', '/reviews/bank_primer/', HTML), cp1251('otzovik', 'page-2-last-cp1251.html', '/reviews/bank_primer/2/')],
    metaCharset: true,
  },
  {
    id: 'irecommend',
    options: { slug: 'magazin-primer' },
    baseUrl: true,
    target: () => ({}),
    pages: [fx('irecommend', 'page-1.html', '/content/magazin-primer', HTML), cp1251('irecommend', 'page-2-last-cp1251.html', '/content/magazin-primer?page=1')],
    metaCharset: true,
  },
  {
    id: 'google-play',
    options: { package: 'com.example.app' },
    baseUrl: true,
    target: () => ({}),
    env: { GOOGLE_PLAY_TOKEN: 'gp-test-token' },
    credential: 'GOOGLE_PLAY_TOKEN',
    pages: [fx('google-play', 'page-1.json', GP, JSON_TYPE), fx('google-play', 'page-2-last.json', `${GP}&token=Q0FFU0FnZ0I`, JSON_TYPE)],
    retryAfter: true,
    headers: (seen) => {
      expect(seen.length).toBeGreaterThanOrEqual(2);
      for (const h of seen) expect(h.authorization).toBe('Bearer gp-test-token');
    },
  },
  {
    id: 'telegram',
    options: { channel: 'bank_primer' },
    baseUrl: true,
    target: () => ({}),
    pages: [fx('telegram', 'channel-page.html', '/s/bank_primer', HTML), fx('telegram', 'last-page.html', '/s/bank_primer?before=501', HTML)],
    retryAfter: true,
    prefix: 'ok',
  },
  {
    id: 'reddit',
    options: {},
    baseUrl: true,
    target: () => ({ query: 'sber' }),
    pages: [
      fx('reddit', 'search-page.json', '/search.json?q=sber&sort=new&limit=100&raw_json=1', JSON_TYPE),
      fx('reddit', 'last-page.json', '/search.json?q=sber&sort=new&limit=100&raw_json=1&after=t3_1aaa02', JSON_TYPE),
    ],
    prefix: 'ok',
  },
  {
    id: 'bluesky',
    options: {},
    baseUrl: true,
    target: () => ({ query: 'sber' }),
    pages: [
      fx('bluesky', 'search-page.json', '/xrpc/app.bsky.feed.searchPosts?q=sber&sort=latest&limit=100', JSON_TYPE),
      fx('bluesky', 'crawl-search-last.json', '/xrpc/app.bsky.feed.searchPosts?q=sber&sort=latest&limit=100&cursor=cursor-page-2', JSON_TYPE),
    ],
    prefix: 'ok',
  },
  {
    // The channel feed holds only the newest videos: one page, no paging to test.
    id: 'youtube',
    options: { channel_id: 'UCabcdefghijklmnopqrstuv' },
    baseUrl: true,
    target: () => ({}),
    pages: [fx('youtube', 'channel-feed.xml', '/feeds/videos.xml?channel_id=UCabcdefghijklmnopqrstuv', ATOM)],
    prefix: 'ok',
  },
  {
    id: 'youtube-comments',
    options: { video_id: 'AbCdEfGhIj0' },
    baseUrl: true,
    target: () => ({}),
    env: { YOUTUBE_API_KEY: 'yt-test-key' },
    credential: 'YOUTUBE_API_KEY',
    pages: [
      fx('youtube-comments', 'threads-page.json', YTC, JSON_TYPE),
      fx('youtube-comments', 'crawl-threads-last.json', `${YTC}&pageToken=QURTSl9pMnBhZ2Uy`, JSON_TYPE),
    ],
    prefix: 'ok',
  },
  {
    // The API has no "last page" in the body (only a Link header): paging ends at the empty page after the last.
    id: 'mastodon',
    options: { tag: 'sber' },
    baseUrl: true,
    target: () => ({}),
    pages: [
      fx('mastodon', 'tag-page.json', MASTO, JSON_TYPE),
      fx('mastodon', 'crawl-tag-last.json', `${MASTO}&max_id=112000000000000001`, JSON_TYPE),
      { path: `${MASTO}&max_id=111990000000000007`, type: JSON_TYPE, text: '[]' },
    ],
    prefix: 'ok',
  },
  {
    // No base_url option: the target url is the feed; a feed has no older pages.
    id: 'rss',
    options: {},
    baseUrl: false,
    target: (base) => ({ url: `${base}/feeds/news.rss` }),
    pages: [fx('rss', 'news.rss', '/feeds/news.rss', RSS)],
    retryAfter: true,
  },
  {
    id: 'hackernews',
    options: {},
    baseUrl: true,
    target: () => ({ keywords: ['sber'] }),
    pages: [fx('hackernews', 'page-0.json', HN, JSON_TYPE), fx('hackernews', 'page-1-last.json', `${HN}&page=1`, JSON_TYPE)],
    prefix: 'ok',
  },
  {
    id: 'vk',
    options: {},
    baseUrl: true,
    target: () => ({ query: 'sber' }),
    env: { VK_TOKEN: 'vk-test-token' },
    credential: 'VK_TOKEN',
    pages: [fx('vk', 'newsfeed-page.json', VK, JSON_TYPE), fx('vk', 'crawl-newsfeed-last.json', `${VK}&start_from=5%2F-12345_1001`, JSON_TYPE)],
    prefix: 'ok',
  },
];

const ROBOTS: Reply = { type: 'text/plain', body: 'User-agent: *\nAllow: /\n' };

describe.each(sources)('$id crawled from a local mirror', (src) => {
  const scraper = scrapers[src.id] as AnyScraper;
  const routes = new Map(src.pages.map((p) => [p.path, { type: p.type, body: p.bytes ?? p.text } satisfies Reply]));
  /** One-shot replies served before the normal page of a path. */
  const queued = new Map<string, Reply[]>();
  const headers: IncomingHttpHeaders[] = [];
  let site: TestSite;
  let options: unknown;

  beforeAll(async () => {
    site = await startSite((url) => {
      if (url.pathname === '/robots.txt') return ROBOTS;
      // A mirror mounted under /mirror serves the same pages.
      const key = `${url.pathname.replace(/^\/mirror\//, '/')}${url.search}`;
      return queued.get(key)?.shift() ?? routes.get(key);
    });
    site.server.on('request', (req) => {
      if (req.url !== '/robots.txt') headers.push(req.headers);
    });
    options = scraper.options.parse(src.baseUrl ? { ...src.options, base_url: site.url } : src.options);
  });

  afterAll(async () => {
    await site.close();
  });

  const first = src.pages[0] as Page;
  const hitsOf = (path: string) => site.hits.filter((h) => h === path).length;

  async function crawl(
    opts: { allKnown?: boolean | ((page: PageInfo) => boolean); env?: Record<string, string>; options?: unknown } = {},
  ): Promise<{ result: CrawlResult; pages: PageInfo[] }> {
    const pages: PageInfo[] = [];
    const allKnown = opts.allKnown ?? false;
    const result = await crawlTarget({
      scraper,
      options: opts.options ?? options,
      target: { id: `t-${src.id}`, keywords: [], ...src.target(site.url) },
      maxPages: 10,
      userAgent: 'repwatch-test',
      timeoutSecs: 5,
      maxRetries: 1,
      chromiumPath: null,
      env: opts.env ?? src.env ?? {},
      limiter: createDomainLimiter({ delayMs: 0 }),
      onPage: (page) => {
        pages.push(page);
        return { allKnown: typeof allKnown === 'function' ? allKnown(page) : allKnown };
      },
    });
    return { result, pages };
  }

  function expectAllPages(result: CrawlResult, pages: PageInfo[]): void {
    expect(result.errors).toEqual([]);
    expect(result.stop).toBe('end');
    expect(result.pages).toBe(src.pages.length);
    expect(pages.map((p) => p.index)).toEqual(src.pages.map((_, i) => i));
    expect(pages.map((p) => p.url)).toEqual(src.pages.map((p) => `${site.url}${p.path}`));
  }

  it(`reads ${src.pages.length === 1 ? 'its only page' : 'every page in order, page 1 first'}`, async () => {
    const before = headers.length;
    const { result, pages } = await crawl();
    expectAllPages(result, pages);
    // What the crawler handed over is what the parser makes of the (decoded) body at that URL.
    src.pages.forEach((p, i) => {
      expect(pages[i]?.result).toEqual(scraper.parse(p.text, `${site.url}${p.path}`, options));
    });
    const ids = pages.map((p) => p.result.mentions.map((m) => m.externalId));
    expect(ids[0]?.length).toBeGreaterThan(0);
    expect(new Set(ids.flat()).size).toBe(ids.flat().length);
    // Newest first: everything on a page is older than everything on the page before.
    const dates = pages.map((p) => p.result.mentions.map((m) => m.publishedAt ?? '').sort());
    for (let i = 1; i < dates.length; i++) {
      const older = dates[i] ?? [];
      if (older.length > 0) expect((older.at(-1) ?? '') < (dates[i - 1]?.[0] ?? '')).toBe(true);
    }
    src.headers?.(headers.slice(before));
  });

  it('stops after page 1 when everything on it is already known', async () => {
    const before = site.hits.length;
    const { result, pages } = await crawl({ allKnown: true });
    expect(result).toMatchObject({ pages: 1, stop: 'known', errors: [] });
    expect(pages).toHaveLength(1);
    expect(site.hits.slice(before)).toEqual([first.path]);
  });

  it.each([401, 403])('HTTP %i ends the crawl with a BlockedError, not retried', async (status) => {
    queued.set(first.path, [{ status, type: JSON_TYPE, body: '{"error":"denied"}' }]);
    const before = hitsOf(first.path);
    const { result, pages } = await crawl();
    queued.delete(first.path);
    expect(pages).toEqual([]);
    expect(result.stop).toBe('error');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toBeInstanceOf(BlockedError);
    expect(result.errors[0]?.message).toContain(`HTTP ${status}`);
    for (const secret of Object.values(src.env ?? {})) expect(result.errors[0]?.message).not.toContain(secret);
    expect(hitsOf(first.path) - before).toBe(1);
  });

  if (src.retryAfter) it('HTTP 429 with Retry-After: 1 waits about a second, then the retry succeeds', async () => {
    queued.set(first.path, [{ status: 429, type: 'text/plain', body: 'slow down', headers: { 'retry-after': '1' } }]);
    const before = hitsOf(first.path);
    const t0 = performance.now();
    const { result, pages } = await crawl();
    const elapsed = performance.now() - t0;
    queued.delete(first.path);
    expectAllPages(result, pages);
    expect(hitsOf(first.path) - before).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(950);
  });

  it('HTTP 500 is retried and the retry succeeds', async () => {
    queued.set(first.path, [{ status: 500, type: 'text/plain', body: 'internal error' }]);
    const before = hitsOf(first.path);
    const { result, pages } = await crawl();
    queued.delete(first.path);
    expectAllPages(result, pages);
    expect(hitsOf(first.path) - before).toBe(2);
  });

  const credential = src.credential;
  if (credential) it(`without ${credential} in the env the target is blocked before any request`, async () => {
    const before = site.hits.length;
    const { result, pages } = await crawl({ env: {} });
    expect(pages).toEqual([]);
    expect(result.stop).toBe('error');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toBeInstanceOf(BlockedError);
    expect(result.errors[0]?.message).toContain(credential);
    expect(site.hits.length - before).toBe(0);
  });

  if (src.prefix) {
    it('stays on a mirror mounted under a path (base_url …/mirror)', async () => {
      const mirror = `${site.url}/mirror`;
      const before = site.hits.length;
      // A page whose next link leaves the mirror ends the crawl here (as if all known), so no request goes out to the real site.
      const { result, pages } = await crawl({
        options: scraper.options.parse({ ...src.options, base_url: mirror }),
        allKnown: (page) => page.result.next.some((url) => !url.startsWith(`${mirror}/`)),
      });
      expect(pages.flatMap((p) => p.result.next).filter((url) => !url.startsWith(`${mirror}/`))).toEqual([]);
      expect(result).toMatchObject({ pages: src.pages.length, stop: 'end', errors: [] });
      expect(site.hits.slice(before)).toEqual(src.pages.map((p) => `/mirror${p.path}`));
    });
  }

  const last = src.pages.at(-1) as Page;
  if (src.metaCharset && last.bytes) {
    // The header says only text/html; the page declares windows-1251 in <meta>, as Otzovik and iRecommend do.
    it('decodes a windows-1251 page that declares its charset only in <meta>', async () => {
      queued.set(last.path, [{ type: 'text/html', body: last.bytes ?? '' }]);
      const { result, pages } = await crawl();
      queued.delete(last.path);
      expectAllPages(result, pages);
      expect(pages.at(-1)?.result).toEqual(scraper.parse(last.text, `${site.url}${last.path}`, options));
    });
  }
});

it('covers every http scraper of the registry but generic-html', () => {
  const http = Object.values(scrapers)
    .filter((s) => s.engine === 'http' && s.id !== 'generic-html')
    .map((s) => s.id)
    .sort();
  expect(sources.map((s) => s.id).sort()).toEqual(http);
});
