/**
 * Crawls local mirrors of three social APIs (Telegram channel pages with
 * ?before=, Reddit Listing JSON with after=, Hacker News Algolia with page=)
 * through the real crawler, pointing each scraper at the mirror with its
 * `base_url` option; also a 401 (blocked) and a 500 that recovers on retry.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlTarget, type CrawlResult, type PageInfo } from '../src/crawl/crawl-target.ts';
import { BlockedError } from '../src/crawl/errors.ts';
import type { AnyScraper, TargetSpec } from '../src/crawl/scraper.ts';
import { hackernews } from './hackernews.ts';
import { reddit } from './reddit.ts';
import { telegram } from './telegram.ts';

const fixture = (dir: string, name: string) => readFileSync(new URL(`./fixtures/${dir}/${name}`, import.meta.url), 'utf8');

interface Route {
  /** One status per request in turn; the last one repeats. */
  statuses?: number[];
  type: string;
  body: string;
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const HN = '/api/v1/search_by_date?query=QUERY&tags=%28story%2Ccomment%29&hitsPerPage=100';

const routes = new Map<string, Route>([
  ['/s/bank_primer', { type: HTML, body: fixture('telegram', 'channel-page.html') }],
  ['/s/bank_primer?before=501', { type: HTML, body: fixture('telegram', 'last-page.html') }],
  ['/search.json?q=sber&sort=new&limit=100&raw_json=1', { type: JSON_TYPE, body: fixture('reddit', 'search-page.json') }],
  ['/search.json?q=sber&sort=new&limit=100&raw_json=1&after=t3_1aaa02', { type: JSON_TYPE, body: fixture('reddit', 'last-page.json') }],
  ['/search.json?q=private&sort=new&limit=100&raw_json=1', { statuses: [401], type: JSON_TYPE, body: '{"message": "Unauthorized", "error": 401}' }],
  [HN.replace('QUERY', 'sber'), { type: JSON_TYPE, body: fixture('hackernews', 'page-0.json') }],
  [`${HN.replace('QUERY', 'sber')}&page=1`, { type: JSON_TYPE, body: fixture('hackernews', 'page-1-last.json') }],
  [HN.replace('QUERY', 'flaky'), { statuses: [500, 200], type: JSON_TYPE, body: fixture('hackernews', 'page-1-last.json') }],
]);

let server: Server;
let base = '';
const requested: string[] = [];
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      return;
    }
    requested.push(path);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const n = hits.get(path) ?? 0;
    hits.set(path, n + 1);
    const statuses = route.statuses ?? [200];
    const status = statuses[Math.min(n, statuses.length - 1)] ?? 200;
    res.writeHead(status, { 'content-type': route.type }).end(status >= 500 ? 'internal error' : route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function crawl(scraper: AnyScraper, rawOptions: Record<string, unknown>, target: Partial<TargetSpec>, maxRetries = 0): Promise<{ result: CrawlResult; pages: PageInfo[] }> {
  const pages: PageInfo[] = [];
  const result = await crawlTarget({
    scraper,
    options: scraper.options.parse({ ...rawOptions, base_url: base }),
    target: { id: `t-${scraper.id}`, keywords: [], ...target },
    maxPages: 10,
    userAgent: 'repwatch-test',
    timeoutSecs: 10,
    maxRetries,
    chromiumPath: null,
    onPage: (page) => {
      pages.push(page);
      return { allKnown: false };
    },
  });
  return { result, pages };
}

const paths = (pages: readonly PageInfo[]) => pages.map((p) => new URL(p.url).pathname + new URL(p.url).search);

describe('social sources through the real crawler', () => {
  it('telegram: reads the channel page, then ?before= the oldest post, and stops at the first post', async () => {
    const { result, pages } = await crawl(telegram, { channel: 'bank_primer' }, {});
    expect(result).toMatchObject({ pages: 2, stop: 'end', errors: [] });
    expect(paths(pages)).toEqual(['/s/bank_primer', '/s/bank_primer?before=501']);
    expect(pages.map((p) => p.index)).toEqual([0, 1]);
    expect(pages[0]?.result.mentions.map((m) => m.externalId)).toEqual(['bank_primer/501', 'bank_primer/503', 'bank_primer/504']);
    expect(pages[1]?.result.mentions.map((m) => m.externalId)).toEqual(['bank_primer/1', 'bank_primer/2']);
  });

  it('reddit: follows after= from the newest page to the last', async () => {
    const { result, pages } = await crawl(reddit, {}, { query: 'sber' });
    expect(result).toMatchObject({ pages: 2, stop: 'end', errors: [] });
    expect(paths(pages)).toEqual(['/search.json?q=sber&sort=new&limit=100&raw_json=1', '/search.json?q=sber&sort=new&limit=100&raw_json=1&after=t3_1aaa02']);
    expect(pages.flatMap((p) => p.result.mentions.map((m) => m.externalId))).toEqual(['t3_1aaa01', 't3_1aaa02', 't3_0zzz99']);
  });

  it('hackernews: follows page= up to nbPages', async () => {
    const { result, pages } = await crawl(hackernews, {}, { keywords: ['sber'] });
    expect(result).toMatchObject({ pages: 2, stop: 'end', errors: [] });
    expect(paths(pages)).toEqual([HN.replace('QUERY', 'sber'), `${HN.replace('QUERY', 'sber')}&page=1`]);
    expect(pages[0]?.result.mentions).toHaveLength(3);
    expect(pages[1]?.result.mentions.map((m) => m.externalId)).toEqual(['39400000']);
  });

  it('a 401 ends the crawl with a BlockedError and is not retried', async () => {
    const before = hits.get('/search.json?q=private&sort=new&limit=100&raw_json=1') ?? 0;
    const { result, pages } = await crawl(reddit, {}, { query: 'private' }, 2);
    expect(pages).toEqual([]);
    expect(result.stop).toBe('error');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toBeInstanceOf(BlockedError);
    expect(result.errors[0]?.message).toMatch(/HTTP 401/);
    expect((hits.get('/search.json?q=private&sort=new&limit=100&raw_json=1') ?? 0) - before).toBe(1);
  });

  it('a 500 is retried and the retry succeeds', async () => {
    const { result, pages } = await crawl(hackernews, {}, { keywords: ['flaky'] }, 2);
    expect(result).toMatchObject({ pages: 1, stop: 'end', errors: [] });
    expect(pages[0]?.result.mentions.map((m) => m.externalId)).toEqual(['39400000']);
    expect(hits.get(HN.replace('QUERY', 'flaky'))).toBe(2);
  });
});
