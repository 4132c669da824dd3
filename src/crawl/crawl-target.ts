import { Configuration, log, ProxyConfiguration, type Request } from '@crawlee/core';
import { HttpCrawler } from '@crawlee/http';
import { PlaywrightCrawler } from '@crawlee/playwright';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS } from './browser.ts';
import { BlockedError, CrawlError, looksLikeCaptcha, ParseError } from './errors.ts';
import { redactUrl, type DomainLimiter } from './politeness.ts';
import type { AnyScraper, ParseResult, TargetSpec } from './scraper.ts';

// crawlee's own logging would interleave with our progress lines; failures come back as CrawlErrors.
log.setLevel(log.LEVELS.OFF);

export interface PageInfo {
  url: string;
  /** 0 for the newest page. */
  index: number;
  result: ParseResult;
}

export interface CrawlRequest {
  scraper: AnyScraper;
  options: unknown;
  target: TargetSpec;
  maxPages: number;
  userAgent: string;
  timeoutSecs: number;
  maxRetries: number;
  /** Needed for browser scrapers; crawling one without it is an error. */
  chromiumPath: string | null;
  /** Stores one page; says whether every item on it was already known (the incremental stop). */
  onPage: (page: PageInfo) => { allKnown: boolean };
  signal?: AbortSignal;
  /** Shared by every crawl of a worker, so two targets on one host take turns. */
  limiter?: DomainLimiter;
  /** Proxy URLs to rotate through (crawlee's ProxyConfiguration). */
  proxyUrls?: string[];
  /** Environment the scraper may read credentials from (e.g. an API token for a header). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Longest wait a Retry-After may impose before the retry; longer ones count as blocked. */
  maxRetryAfterMs?: number;
}

export type StopReason = 'known' | 'end' | 'max_pages' | 'error' | 'aborted';

export interface CrawlResult {
  pages: number;
  stop: StopReason;
  errors: CrawlError[];
}

const JSON_AND_FEEDS = ['application/json', 'application/ld+json', 'text/plain', 'application/xml', 'text/xml', 'application/atom+xml', 'application/rss+xml'];

function classifyStatus(status: number, target: string, url: string): CrawlError | null {
  const shown = redactUrl(url);
  if (status === 401 || status === 403 || status === 429) return new BlockedError(`HTTP ${status} from ${shown}`, target, shown);
  if (status >= 400) return new CrawlError(`HTTP ${status} from ${shown}`, target, shown);
  return null;
}

function retryAfterMs(header: string | null | undefined): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * Crawls one target newest page first, one page at a time, so that paging can
 * stop at the first page whose items are all known. Each call builds its own
 * crawler with its own in-memory storage: a second crawl of the same URLs in
 * one process must fetch them again.
 */
export async function crawlTarget(req: CrawlRequest): Promise<CrawlResult> {
  const { scraper, target } = req;
  const env = req.env ?? {};
  const state: CrawlResult = { pages: 0, stop: 'end', errors: [] };
  const missing = (scraper.credentials?.(req.options) ?? []).filter((name) => !env[name]);
  if (missing.length > 0) {
    state.stop = 'error';
    state.errors.push(new BlockedError(`target ${target.id} needs ${missing.join(', ')}: set ${missing.length > 1 ? 'these environment variables' : 'this environment variable'} for the worker`, target.id, ''));
    return state;
  }
  const startUrls = scraper.start(target, req.options, env);
  if (startUrls.length === 0) {
    state.stop = 'error';
    state.errors.push(new CrawlError(`scraper ${scraper.id} has nothing to start from: set url or query on target ${target.id}`, target.id, ''));
    return state;
  }
  if (scraper.engine === 'browser' && !req.chromiumPath) {
    state.stop = 'error';
    state.errors.push(new CrawlError(`target ${target.id} needs a browser: ${'install Chromium (apt-get install -y chromium)'}`, target.id, startUrls[0] ?? ''));
    return state;
  }

  const maxRetryAfter = req.maxRetryAfterMs ?? 60_000;
  const handlePage = async (request: Request, body: string, status: number, retryAfter: string | null, enqueue: (requests: { url: string; userData: Record<string, unknown> }[]) => Promise<unknown>) => {
    const failure = classifyStatus(status, target.id, request.url);
    if (failure) {
      const wait = status === 429 || status === 503 ? retryAfterMs(retryAfter) : null;
      // A site that asks for a pause gets it, host-wide; one that asks for too long is treated as blocking us.
      if (wait !== null) req.limiter?.pause(request.url, Math.min(wait, maxRetryAfter));
      request.noRetry = !(status === 429 || status >= 500) || (wait !== null && wait > maxRetryAfter);
      throw failure;
    }
    let result: ParseResult;
    try {
      result = scraper.parse(body, request.loadedUrl ?? request.url, req.options);
    } catch (cause) {
      request.noRetry = true;
      throw new ParseError(`${scraper.id} could not parse ${request.url}: ${(cause as Error).message}`, target.id, request.url, { cause });
    }
    if (result.mentions.length === 0 && looksLikeCaptcha(body)) {
      request.noRetry = true;
      throw new BlockedError(`captcha or bot wall at ${request.url}`, target.id, request.url);
    }
    const index = Number(request.userData.index ?? 0);
    state.pages++;
    const { allKnown } = req.onPage({ url: request.url, index, result });
    if (result.mentions.length > 0 && allKnown) {
      state.stop = 'known';
      return;
    }
    if (result.next.length === 0) return;
    if (state.pages >= req.maxPages) {
      state.stop = 'max_pages';
      return;
    }
    await enqueue(result.next.map((url) => ({ url, userData: { index: index + 1 } })));
  };

  const onFailed = (request: Request, error: Error) => {
    state.stop = 'error';
    const url = redactUrl(request.url);
    state.errors.push(error instanceof CrawlError ? error : new CrawlError(`${url}: ${redactUrl(error.message)}`, target.id, url, { cause: error }));
  };

  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const headers = { 'accept-language': 'ru,en;q=0.8', ...scraper.headers?.(req.options, env) };
  const polite = async (url: string) => req.limiter?.wait(url, req.signal);
  const common = {
    ...(req.proxyUrls && req.proxyUrls.length > 0 ? { proxyConfiguration: new ProxyConfiguration({ proxyUrls: req.proxyUrls }) } : {}),
    maxConcurrency: 1,
    maxRequestRetries: req.maxRetries,
    requestHandlerTimeoutSecs: req.timeoutSecs * 2,
    navigationTimeoutSecs: req.timeoutSecs,
    sessionPoolOptions: { blockedStatusCodes: [] },
    respectRobotsTxtFile: true,
  };
  const crawler =
    scraper.engine === 'http'
      ? new HttpCrawler(
          {
            ...common,
            additionalMimeTypes: JSON_AND_FEEDS,
            ignoreHttpErrorStatusCodes: [],
            preNavigationHooks: [
              async ({ request }, gotOptions) => {
                gotOptions.headers = { ...gotOptions.headers, ...headers, 'user-agent': req.userAgent };
                await polite(request.url);
              },
            ],
            requestHandler: async ({ request, body, response, addRequests }) => {
              const text = typeof body === 'string' ? body : body.toString('utf8');
              const retryAfter = response.headers['retry-after'];
              await handlePage(request, text, response.statusCode ?? 200, typeof retryAfter === 'string' ? retryAfter : null, (r) => addRequests(r));
            },
            failedRequestHandler: async ({ request }, error) => onFailed(request, error),
          },
          config,
        )
      : new PlaywrightCrawler(
          {
            ...common,
            headless: true,
            browserPoolOptions: { useFingerprints: false },
            launchContext: {
              launcher: chromium,
              userAgent: req.userAgent,
              launchOptions: { executablePath: req.chromiumPath ?? undefined, args: CHROMIUM_ARGS },
            },
            preNavigationHooks: [
              async ({ request, page }) => {
                await page.setExtraHTTPHeaders(headers);
                await polite(request.url);
              },
            ],
            requestHandler: async ({ request, page, response, addRequests }) => {
              const selector = scraper.waitFor?.(req.options);
              if (selector) await page.waitForSelector(selector, { timeout: req.timeoutSecs * 1000 }).catch(() => undefined);
              await handlePage(request, await page.content(), response?.status() ?? 200, (await response?.headerValue('retry-after')) ?? null, (r) => addRequests(r));
            },
            failedRequestHandler: async ({ request }, error) => onFailed(request, error),
          },
          config,
        );

  const abort = () => void crawler.autoscaledPool?.abort();
  req.signal?.addEventListener('abort', abort, { once: true });
  try {
    await crawler.run(startUrls.map((url) => ({ url, userData: { index: 0 } })));
  } finally {
    req.signal?.removeEventListener('abort', abort);
    await crawler.teardown().catch(() => undefined);
  }
  if (req.signal?.aborted) state.stop = 'aborted';
  return state;
}
