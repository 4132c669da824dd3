/**
 * Crawls local mirrors of three http review sources (Trustpilot pages, the 2GIS
 * reviews API, the App Store feed) through the real crawler, pointing each
 * scraper at the mirror with its `base_url` option.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlTarget, type CrawlResult, type PageInfo } from '../src/crawl/crawl-target.ts';
import { BlockedError } from '../src/crawl/errors.ts';
import type { AnyScraper } from '../src/crawl/scraper.ts';
import { twoGis } from './2gis.ts';
import { appStore } from './app-store.ts';
import { fixture } from './lib/fixture.ts';
import { trustpilot } from './trustpilot.ts';

interface Route {
  status?: number;
  type: string;
  body: string;
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** Path + query → response; everything else is a 404. */
const routes = new Map<string, Route>([
  ['/review/example-shop.ru?sort=recency', { type: HTML, body: fixture('trustpilot', 'page-1.html') }],
  ['/review/example-shop.ru?sort=recency&page=2', { type: HTML, body: fixture('trustpilot', 'page-2-last.html') }],
  ['/review/walled.example?sort=recency', { type: HTML, body: fixture('trustpilot', 'page-1.html') }],
  ['/review/walled.example?sort=recency&page=2', { status: 403, type: HTML, body: '<html><body>Access denied</body></html>' }],
  ['/2.0/branches/70000001012345678/reviews?limit=50&sort_by=date_created&locale=ru_RU', { type: JSON_TYPE, body: fixture('2gis', 'page-1.json') }],
  [
    '/2.0/branches/70000001012345678/reviews?limit=50&sort_by=date_created&locale=ru_RU&offset_date=2025-03-10T09:00:00.000000%2B07:00',
    { type: JSON_TYPE, body: fixture('2gis', 'page-2-last.json') },
  ],
  ['/ru/rss/customerreviews/page=1/id=1234567890/sortby=mostrecent/json', { type: JSON_TYPE, body: fixture('app-store', 'page-1.json') }],
  ['/ru/rss/customerreviews/page=2/id=1234567890/sortby=mostrecent/json', { type: JSON_TYPE, body: fixture('app-store', 'page-2-last.json') }],
]);

let server: Server;
let base = '';
const requested: string[] = [];

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
    res.writeHead(route.status ?? 200, { 'content-type': route.type }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function crawl(scraper: AnyScraper, rawOptions: Record<string, unknown>, allKnown = false): Promise<{ result: CrawlResult; pages: PageInfo[] }> {
  const pages: PageInfo[] = [];
  const result = await crawlTarget({
    scraper,
    options: scraper.options.parse({ ...rawOptions, base_url: base }),
    target: { id: `t-${scraper.id}`, keywords: [] },
    maxPages: 10,
    userAgent: 'repwatch-test',
    timeoutSecs: 10,
    maxRetries: 0,
    chromiumPath: null,
    onPage: (page) => {
      pages.push(page);
      return { allKnown };
    },
  });
  return { result, pages };
}

const cases: [string, AnyScraper, Record<string, unknown>, number][] = [
  ['trustpilot', trustpilot as AnyScraper, { domain: 'example-shop.ru' }, 4],
  ['2gis', twoGis as AnyScraper, { branch_id: '70000001012345678' }, 4],
  ['app-store', appStore as AnyScraper, { app_id: '1234567890', country: 'ru' }, 4],
];

describe.each(cases)('%s crawled from a local mirror', (_name, scraper, options, total) => {
  it('reads every page, newest first', async () => {
    const { result, pages } = await crawl(scraper, options);
    expect(result.errors).toEqual([]);
    expect(result.stop).toBe('end');
    expect(result.pages).toBe(2);
    expect(pages.map((p) => p.index)).toEqual([0, 1]);
    expect(pages.every((p) => p.url.startsWith(base))).toBe(true);
    const dates = pages.flatMap((p) => p.result.mentions.map((m) => m.publishedAt ?? ''));
    expect(dates).toHaveLength(total);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('stops after page 1 when everything on it is already known', async () => {
    const before = requested.length;
    const { result, pages } = await crawl(scraper, options, true);
    expect(result.stop).toBe('known');
    expect(result.pages).toBe(1);
    expect(pages).toHaveLength(1);
    expect(requested.length - before).toBe(1);
  });
});

describe('a site that starts refusing', () => {
  it('ends the crawl with a BlockedError on a 403 page', async () => {
    const { result, pages } = await crawl(trustpilot as AnyScraper, { domain: 'walled.example' });
    expect(pages).toHaveLength(1);
    expect(result.stop).toBe('error');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toBeInstanceOf(BlockedError);
    expect(result.errors[0]?.message).toContain('HTTP 403');
  });
});
