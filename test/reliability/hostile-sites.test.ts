/**
 * Hostile sites, each on a real HTTP server on 127.0.0.1: rate limits, errors,
 * servers that never answer or drip bytes, broken and huge pages, wrong
 * encodings and wrong content types. The crawl must end, in bounded time and
 * memory, with a clear error where there is one.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { genericHtml } from '../../scrapers/generic-html.ts';
import { hackernews } from '../../scrapers/hackernews.ts';
import { BodyTooLargeError, crawlTarget, type CrawlRequest, type PageInfo } from '../../src/crawl/crawl-target.ts';
import { BlockedError, CrawlError, ParseError } from '../../src/crawl/errors.ts';
import { parsedMentionSchema } from '../../src/crawl/mention.ts';
import { createDomainLimiter } from '../../src/crawl/politeness.ts';
import { runTarget } from '../../src/pipeline/run-target.ts';
import { crawlRuns } from '../../src/store/schema.ts';
import { pipelineDeps } from '../helpers/pipeline.ts';
import { htmlTarget, reviewSelectors, settings } from '../helpers/targets.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

/** A raw server: the handler owns the response (so it can stall, drip or stream). */
async function serve(handler: (path: string, res: ServerResponse, hit: number) => void): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    hits.push(req.url ?? '');
    handler(req.url ?? '', res, hits.length);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const review = (id: string, text: string) =>
  `<article class="review" data-id="${id}"><span class="author">A</span><span class="stars" data-rating="2"></span><p class="text">${text}</p><time datetime="2026-11-20T10:00:00Z"></time></article>`;
const page = (body: string, meta = '<meta charset="utf-8">') => `<!doctype html><html><head>${meta}</head><body>${body}</body></html>`;

async function crawl(url: string, over: Partial<CrawlRequest> = {}) {
  const pages: PageInfo[] = [];
  const started = performance.now();
  const result = await crawlTarget({
    scraper: genericHtml,
    options: genericHtml.options.parse(reviewSelectors),
    target: { id: 't', url, keywords: [] },
    maxPages: 10,
    userAgent: 'repwatch-test',
    timeoutSecs: 2,
    maxRetries: 0,
    chromiumPath: null,
    onPage: (p) => (pages.push(p), { allKnown: false }),
    ...over,
  });
  return { result, pages, seconds: (performance.now() - started) / 1000, mentions: pages.flatMap((p) => p.result.mentions) };
}

describe('rate limits and server errors', () => {
  it('429 with Retry-After: waits as asked (host-wide), then reads the page', async () => {
    const times: number[] = [];
    const site = await serve((_p, res, hit) => {
      times.push(performance.now());
      if (hit === 1) return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down');
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(review('r1', 'fine')));
    });
    const { result, mentions } = await crawl(`${site.url}/r`, { maxRetries: 2, limiter: createDomainLimiter({ delayMs: 0 }) });
    expect(result).toMatchObject({ stop: 'end', errors: [], pages: 1 });
    expect(mentions).toHaveLength(1);
    expect(site.hits).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('a Retry-After longer than allowed counts as blocked, without a retry', async () => {
    const site = await serve((_p, res) => void res.writeHead(429, { 'retry-after': '3600', 'content-type': 'text/html' }).end('<h1>Too many requests</h1>'));
    const { result, seconds } = await crawl(`${site.url}/r`, { maxRetries: 3, maxRetryAfterMs: 5000, limiter: createDomainLimiter({ delayMs: 0 }) });
    expect(result.stop).toBe('error');
    expect(result.errors[0]).toBeInstanceOf(BlockedError);
    expect(site.hits).toHaveLength(1);
    expect(seconds).toBeLessThan(5);
  });

  it('503: retried, and read once the server is back', async () => {
    const site = await serve((_p, res, hit) => {
      if (hit === 1) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(review('r1', 'back')));
    });
    const { result, mentions } = await crawl(`${site.url}/r`, { maxRetries: 2 });
    expect(result).toMatchObject({ stop: 'end', errors: [] });
    expect(mentions).toHaveLength(1);
    expect(site.hits).toHaveLength(2);
  });

  it('503 for good: a clear error after the retries', async () => {
    const site = await serve((_p, res) => void res.writeHead(503, { 'content-type': 'text/plain' }).end('down'));
    const { result } = await crawl(`${site.url}/r`, { maxRetries: 1 });
    expect(result.stop).toBe('error');
    expect(result.errors[0]?.message).toMatch(/503/);
    expect(site.hits).toHaveLength(2);
  });
});

describe('servers that stall', () => {
  it('never answers: the crawl ends with a timeout error', async () => {
    const site = await serve(() => undefined);
    const { result, seconds } = await crawl(`${site.url}/r`, { timeoutSecs: 1 });
    expect(result.stop).toBe('error');
    expect(result.errors[0]?.message).toMatch(/time(d)? ?out/i);
    expect(seconds).toBeLessThan(8);
  }, 15_000);

  it('drips one byte every 100 ms forever: the crawl still ends within its timeout', async () => {
    const site = await serve((_p, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
      res.on('close', () => clearInterval(timer));
    });
    const { result, seconds } = await crawl(`${site.url}/r`, { timeoutSecs: 1 });
    expect(result.stop).toBe('error');
    expect(result.errors[0]).toBeInstanceOf(CrawlError);
    expect(seconds).toBeLessThan(8);
  }, 15_000);

  it('a redirect loop ends with an error, not a hang', async () => {
    const site = await serve((path, res) => void res.writeHead(302, { location: path === '/a' ? '/b' : '/a' }).end());
    const { result, seconds } = await crawl(`${site.url}/a`);
    expect(result.stop).toBe('error');
    expect(result.errors[0]?.message).toMatch(/redirect/i);
    expect(seconds).toBeLessThan(8);
  });
});

describe('broken and huge pages', () => {
  it('truncated HTML: whatever parses is valid, nothing throws', async () => {
    const full = page([review('r1', 'first complete'), review('r2', 'second, cut in the middle of its text')].join(''));
    const site = await serve((_p, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(full.slice(0, full.indexOf('cut in the') + 6)));
    const { result, mentions } = await crawl(`${site.url}/r`);
    expect(result.errors).toEqual([]);
    expect(mentions.length).toBeGreaterThanOrEqual(1);
    for (const m of mentions) parsedMentionSchema.parse(m);
  });

  it('a captcha wall is reported as blocked', async () => {
    const site = await serve((_p, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(page('<form class="smartcaptcha">Подтвердите, что вы не робот</form>')));
    const { result } = await crawl(`${site.url}/r`, { maxRetries: 2 });
    expect(result.errors[0]).toBeInstanceOf(BlockedError);
    expect(site.hits).toHaveLength(1);
  });

  for (const declared of [true, false]) {
    it(`a 50 MB page (${declared ? 'with' : 'without'} Content-Length) is refused at the cap, in bounded memory and time`, async () => {
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const total = 50 * 1024 * 1024;
      let sent = 0;
      const site = await serve((_p, res) => {
        res.writeHead(200, { 'content-type': 'text/html', ...(declared ? { 'content-length': String(total) } : {}) });
        const pump = () => {
          while (sent < total && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        res.on('close', () => undefined);
        pump();
      });
      const before = process.memoryUsage().rss;
      const { result, seconds } = await crawl(`${site.url}/huge`, { maxRetries: 2 });
      const grew = (process.memoryUsage().rss - before) / 1048576;
      expect(result.stop).toBe('error');
      expect(result.errors[0]).toBeInstanceOf(BodyTooLargeError);
      expect(result.errors[0]?.message).toMatch(/over the 20971520-byte limit/);
      expect(site.hits).toHaveLength(1);
      expect(sent).toBeLessThan(total);
      expect(grew).toBeLessThan(150);
      expect(seconds).toBeLessThan(10);
    }, 20_000);
  }

  it('the cap is configurable per crawl', async () => {
    const site = await serve((_p, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(page(review('r1', 'x'.repeat(5000)))));
    const { result } = await crawl(`${site.url}/r`, { maxBodyBytes: 1000 });
    expect(result.errors[0]).toBeInstanceOf(BodyTooLargeError);
  });
});

describe('encodings and content types', () => {
  const russian = 'Ужасное обслуживание, верните деньги';

  it('windows-1251 declared in Content-Type is decoded', async () => {
    const site = await serve((_p, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' }).end(iconv.encode(page(review('r1', russian), ''), 'win1251')));
    const { mentions } = await crawl(`${site.url}/r`);
    expect(mentions[0]?.text).toBe(russian);
  });

  it('windows-1251 declared only in <meta charset> is decoded', async () => {
    const site = await serve((_p, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(iconv.encode(page(review('r1', russian), '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'), 'win1251')));
    const { mentions } = await crawl(`${site.url}/r`);
    expect(mentions[0]?.text).toBe(russian);
  });

  it('invalid UTF-8 bytes become U+FFFD, the rest of the page is read', async () => {
    const html = Buffer.concat([Buffer.from(page(review('r1', 'good ')).split('good ')[0]!), Buffer.from('good '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(` coffee</p></article></body></html>`)]);
    const site = await serve((_p, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    const { result, mentions } = await crawl(`${site.url}/r`);
    expect(result.errors).toEqual([]);
    expect(mentions[0]?.text).toMatch(/^good \uFFFD+ coffee$/);
  });

  it('JSON where HTML is expected: a ParseError naming the URL, recorded on the crawl run', async () => {
    const site = await serve((_p, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"reviews":[{"id":1,"text":"hi"}]}'));
    const deps = pipelineDeps(tempDir());
    const run = await runTarget(deps, htmlTarget('shop', `${site.url}/reviews?key=SECRET`), genericHtml, { ...settings, maxRetries: 0 });
    expect(run.health).toBe('error');
    const row = deps.db.select().from(crawlRuns).where(eq(crawlRuns.id, run.runId)).get();
    expect(row?.error).toMatch(/generic-html could not parse http:\/\/127\.0\.0\.1:\d+\/reviews\?key=\*\*\*: expected an HTML page; got JSON/);
    expect(row?.error).not.toMatch(/SECRET/);
  });

  it('HTML where JSON is expected: a ParseError naming the URL, recorded on the crawl run', async () => {
    const site = await serve((_p, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(page('<h1>Service unavailable</h1>')));
    const deps = pipelineDeps(tempDir());
    const options = { base_url: site.url };
    const target = { ...htmlTarget('hn', site.url), source: 'hackernews', url: undefined, keywords: ['northwind'], options, scraperOptions: hackernews.options.parse(options) };
    const run = await runTarget(deps, target, hackernews, { ...settings, maxRetries: 0 });
    expect(run.health).toBe('error');
    const row = deps.db.select().from(crawlRuns).where(eq(crawlRuns.id, run.runId)).get();
    expect(row?.error).toMatch(/hackernews could not parse http:\/\/127\.0\.0\.1:\d+\/api\/v1\/search_by_date\?[^:]*: .*got HTML/);
    const crawled = await crawl(`${site.url}/api`, { scraper: hackernews, options: hackernews.options.parse(options), target: { id: 'hn', keywords: ['northwind'] } });
    expect(crawled.result.errors[0]).toBeInstanceOf(ParseError);
  });
});
