import { afterEach, describe, expect, it } from 'vitest';
import { genericBrowser } from '../../scrapers/generic-browser.ts';
import { genericHtml } from '../../scrapers/generic-html.ts';
import { crawlTarget, type PageInfo } from '../../src/crawl/crawl-target.ts';
import { BlockedError, CrawlError } from '../../src/crawl/errors.ts';
import { startDemoSite, type DemoSite } from '../../src/demo/site.ts';
import { startSite, type TestSite } from '../helpers/site.ts';
import { chromiumPath, reviewSelectors, skipBrowser } from '../helpers/targets.ts';

const servers: (DemoSite | TestSite)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const base = { maxPages: 50, userAgent: 'repwatch-test', timeoutSecs: 10, maxRetries: 0, chromiumPath };

async function crawl(url: string, onPage: (p: PageInfo) => { allKnown: boolean } = () => ({ allKnown: false }), over: Partial<typeof base> = {}) {
  const pages: PageInfo[] = [];
  const result = await crawlTarget({
    ...base,
    ...over,
    scraper: genericHtml,
    options: genericHtml.options.parse(reviewSelectors),
    target: { id: 't', url, keywords: [] },
    onPage: (p) => {
      pages.push(p);
      return onPage(p);
    },
  });
  return { result, pages };
}

describe('crawl over HTTP', () => {
  it('reads every page newest first, following the next link to the end', async () => {
    const site = await startDemoSite();
    servers.push(site);
    const { result, pages } = await crawl(`${site.url}/reviews`);
    expect(result).toMatchObject({ pages: 5, stop: 'end', errors: [] });
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(pages[0]?.result.mentions[0]).toMatchObject({ externalId: 'r-1024', rating: 1, author: 'Анна К.', publishedAt: '2026-11-20T18:12:00.000Z' });
    expect(pages.flatMap((p) => p.result.mentions)).toHaveLength(22);
  });

  it('stops at the first page whose items are all known', async () => {
    const site = await startDemoSite();
    servers.push(site);
    const { result, pages } = await crawl(`${site.url}/reviews`, (p) => ({ allKnown: p.index >= 1 }));
    expect(result.stop).toBe('known');
    expect(pages).toHaveLength(2);
  });

  it('a second crawl of the same URLs in one process fetches them again', async () => {
    const site = await startDemoSite();
    servers.push(site);
    await crawl(`${site.url}/reviews`);
    const again = await crawl(`${site.url}/reviews`);
    expect(again.result.pages).toBe(5);
  });

  it('stops at max_pages', async () => {
    const site = await startDemoSite();
    servers.push(site);
    const { result } = await crawl(`${site.url}/reviews`, undefined, { maxPages: 2 });
    expect(result).toMatchObject({ pages: 2, stop: 'max_pages' });
  });

  it('reports 403 as blocked, without retrying it', async () => {
    const site = await startSite(() => ({ status: 403, body: 'Forbidden' }));
    servers.push(site);
    const { result } = await crawl(`${site.url}/reviews`, undefined, { maxRetries: 2 });
    expect(result.stop).toBe('error');
    expect(result.errors[0]).toBeInstanceOf(BlockedError);
    expect(result.errors[0]?.message).toMatch(/HTTP 403 from http:\/\/127\.0\.0\.1:\d+\/reviews/);
    expect(site.hits).toEqual(['/reviews']);
  });

  it('reports a captcha page as blocked', async () => {
    const site = await startSite(() => ({ body: '<html><body><form id="captcha">Подтвердите, что вы не робот</form></body></html>' }));
    servers.push(site);
    const { result } = await crawl(`${site.url}/reviews`);
    expect(result.errors[0]).toBeInstanceOf(BlockedError);
    expect(result.errors[0]?.message).toMatch(/captcha/);
  });

  it('retries a 503 and goes on when the site recovers', async () => {
    let calls = 0;
    const site = await startSite(() => (++calls === 1 ? { status: 503, body: 'busy' } : { body: '<article class="review" data-id="x"><p class="text">Fine</p></article>' }));
    servers.push(site);
    const { result, pages } = await crawl(`${site.url}/reviews`, undefined, { maxRetries: 2 });
    expect(result).toMatchObject({ pages: 1, stop: 'end', errors: [] });
    expect(pages[0]?.result.mentions[0]?.externalId).toBe('x');
  });

  it('names an unreachable site', async () => {
    const { result } = await crawl('http://127.0.0.1:1/reviews');
    expect(result.stop).toBe('error');
    expect(result.errors[0]).toBeInstanceOf(CrawlError);
    expect(result.errors[0]?.url).toBe('http://127.0.0.1:1/reviews');
  });
});

describe.skipIf(skipBrowser)('crawl through Chromium', () => {
  it('reads reviews that the page renders with JavaScript, across pages', async () => {
    const site = await startDemoSite();
    servers.push(site);
    const pages: PageInfo[] = [];
    const options = genericBrowser.options.parse({ ...reviewSelectors, wait_for: 'article.review' });
    const result = await crawlTarget({ ...base, scraper: genericBrowser, options, target: { id: 'app', url: `${site.url}/app/reviews`, keywords: [] }, onPage: (p) => (pages.push(p), { allKnown: false }) });
    expect(result).toMatchObject({ pages: 2, stop: 'end', errors: [] });
    const items = pages.flatMap((p) => p.result.mentions);
    expect(items.map((m) => m.externalId)).toEqual(['a-207', 'a-206', 'a-205', 'a-204', 'a-203', 'a-202']);
    expect(items[0]).toMatchObject({ rating: 1, author: 'Виктор', text: expect.stringContaining('вылетает') });
  });

  it('the same page over plain HTTP yields nothing: the browser is what renders it', async () => {
    const site = await startDemoSite();
    servers.push(site);
    const { pages } = await crawl(`${site.url}/app/reviews`);
    expect(pages[0]?.result.mentions).toEqual([]);
  });
});
