import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { genericHtml } from '../../scrapers/generic-html.ts';
import type { CssOptions } from '../../scrapers/lib/css-extract.ts';
import { crawlTarget } from '../../src/crawl/crawl-target.ts';
import { BlockedError } from '../../src/crawl/errors.ts';
import { createDomainLimiter, redactUrl } from '../../src/crawl/politeness.ts';
import { defineScraper } from '../../src/crawl/scraper.ts';
import { startSite, type TestSite } from '../helpers/site.ts';
import { reviewSelectors } from '../helpers/targets.ts';

const sites: TestSite[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.close()));
});

const page = '<article class="review" data-id="1"><p class="text">ok</p></article>';
const base = { maxPages: 5, userAgent: 'repwatch-test', timeoutSecs: 10, chromiumPath: null, onPage: () => ({ allKnown: false }) };
const html = (url: string, over: object = {}) => crawlTarget({ ...base, maxRetries: 2, scraper: genericHtml, options: genericHtml.options.parse(reviewSelectors), target: { id: 't', url, keywords: [] }, ...over });

describe('domain limiter', () => {
  it('spaces requests to one host and lets other hosts through, and honours a pause', async () => {
    let clock = 0;
    const slept: number[] = [];
    const limiter = createDomainLimiter({ delayMs: 1000, perHost: { 'slow.example': 5000 }, now: () => clock, sleep: async (ms) => void slept.push(ms) });
    await limiter.wait('https://a.example/1');
    await limiter.wait('https://a.example/2');
    await limiter.wait('https://b.example/1');
    await limiter.wait('https://slow.example/1');
    await limiter.wait('https://slow.example/2');
    expect(slept).toEqual([0, 1000, 0, 0, 5000]);
    clock = 10_000;
    limiter.pause('https://a.example/x', 30_000);
    await limiter.wait('https://a.example/3');
    expect(slept.at(-1)).toBe(30_000);
  });

  it('redacts tokens and keys from URLs', () => {
    expect(redactUrl('https://api.vk.com/method/wall.get?owner_id=1&access_token=abc123&v=5.199')).toBe('https://api.vk.com/method/wall.get?owner_id=1&access_token=***&v=5.199');
    expect(redactUrl('https://www.googleapis.com/youtube/v3/commentThreads?key=AIza-secret')).toBe('https://www.googleapis.com/youtube/v3/commentThreads?key=***');
  });
});

describe('crawl politeness', () => {
  it('waits out a 429 with Retry-After, then reads the page', async () => {
    const times: number[] = [];
    const site = await startSite((url) => {
      if (url.pathname === '/robots.txt') return undefined;
      times.push(Date.now());
      return times.length === 1 ? { status: 429, body: 'slow down', headers: { 'retry-after': '1' } } : { body: page };
    });
    sites.push(site);
    const result = await html(`${site.url}/r`, { limiter: createDomainLimiter({ delayMs: 0 }) });
    expect(result).toMatchObject({ pages: 1, errors: [] });
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('counts a Retry-After beyond the limit as blocked, without waiting', async () => {
    const site = await startSite(() => ({ status: 429, body: 'come back tomorrow', headers: { 'retry-after': '86400' } }));
    sites.push(site);
    const result = await html(`${site.url}/r`, { limiter: createDomainLimiter({ delayMs: 0 }), maxRetryAfterMs: 5000 });
    expect(result.errors[0]).toBeInstanceOf(BlockedError);
    expect(site.hits).toHaveLength(1);
  });

  it('keeps a token in the URL out of the error', async () => {
    const site = await startSite(() => ({ status: 401, body: '{"error":"bad token"}', type: 'application/json' }));
    sites.push(site);
    const result = await html(`${site.url}/method/wall.get?access_token=s3cr3t&v=5`);
    expect(result.errors[0]?.message).toMatch(/HTTP 401 from .*access_token=\*\*\*/);
    expect(JSON.stringify(result.errors.map((e) => [e.message, e.url]))).not.toContain('s3cr3t');
  });

  it("sends the scraper's headers, built from the environment", async () => {
    let auth: string | undefined;
    const site = await startSite(() => ({ body: page }));
    site.server.prependListener('request', (req) => void (auth ??= req.headers.authorization));
    sites.push(site);
    const withToken = defineScraper<CssOptions & { token_env: string }>({
      ...genericHtml,
      id: 'token-test',
      options: genericHtml.options.and(z.object({ token_env: z.string() })),
      headers: (o, env) => ({ authorization: `Bearer ${env[o.token_env] ?? ''}` }),
    });
    await crawlTarget({ ...base, maxRetries: 0, scraper: withToken, options: { ...genericHtml.options.parse(reviewSelectors), token_env: 'API_TOKEN' }, target: { id: 't', url: `${site.url}/r`, keywords: [] }, env: { API_TOKEN: 'tok-1' } });
    expect(auth).toBe('Bearer tok-1');
  });
});

describe('credentials', () => {
  it('refuses to start a target whose token is missing, naming the variable, without a request', async () => {
    const { vk } = await import('../../scrapers/vk.ts');
    const site = await startSite(() => ({ body: '{"response":{"items":[]}}', type: 'application/json' }));
    sites.push(site);
    const options = vk.options.parse({ owner_id: -1, base_url: site.url });
    const result = await crawlTarget({ ...base, maxRetries: 0, scraper: vk, options, target: { id: 'vk-wall', keywords: [] }, env: {} });
    expect(result.errors[0]).toBeInstanceOf(BlockedError);
    expect(result.errors[0]?.message).toBe('target vk-wall needs VK_TOKEN: set this environment variable for the worker');
    expect(site.hits).toEqual([]);
    const ok = await crawlTarget({ ...base, maxRetries: 0, scraper: vk, options, target: { id: 'vk-wall', keywords: [] }, env: { VK_TOKEN: 't0k3n' } });
    expect(ok.errors).toEqual([]);
    expect(site.hits[0]).toMatch(/access_token=t0k3n/);
  });
});
