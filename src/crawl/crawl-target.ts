import { Configuration, log, type Request } from '@crawlee/core';
import { HttpCrawler } from '@crawlee/http';
import { PlaywrightCrawler } from '@crawlee/playwright';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS } from './browser.ts';
import { BlockedError, CrawlError, looksLikeCaptcha, ParseError } from './errors.ts';
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
}

export type StopReason = 'known' | 'end' | 'max_pages' | 'error' | 'aborted';

export interface CrawlResult {
  pages: number;
  stop: StopReason;
  errors: CrawlError[];
}

const JSON_AND_FEEDS = ['application/json', 'application/ld+json', 'text/plain', 'application/xml', 'text/xml', 'application/atom+xml', 'application/rss+xml'];

function classifyStatus(status: number, target: string, url: string): CrawlError | null {
  if (status === 401 || status === 403 || status === 429) return new BlockedError(`HTTP ${status} from ${url}`, target, url);
  if (status >= 400) return new CrawlError(`HTTP ${status} from ${url}`, target, url);
  return null;
}

/**
 * Crawls one target newest page first, one page at a time, so that paging can
 * stop at the first page whose items are all known. Each call builds its own
 * crawler with its own in-memory storage: a second crawl of the same URLs in
 * one process must fetch them again.
 */
export async function crawlTarget(req: CrawlRequest): Promise<CrawlResult> {
  const { scraper, target } = req;
  const startUrls = scraper.start(target, req.options);
  const state: CrawlResult = { pages: 0, stop: 'end', errors: [] };
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

  const handlePage = async (request: Request, body: string, status: number, enqueue: (urls: string[]) => Promise<unknown>) => {
    const failure = classifyStatus(status, target.id, request.url);
    if (failure) {
      request.noRetry = !(status === 429 || status >= 500);
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
    await enqueue(result.next.map((url) => ({ url, userData: { index: index + 1 } })) as unknown as string[]);
  };

  const onFailed = (request: Request, error: Error) => {
    state.stop = 'error';
    state.errors.push(error instanceof CrawlError ? error : new CrawlError(`${request.url}: ${error.message}`, target.id, request.url, { cause: error }));
  };

  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const common = {
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
              (_ctx, gotOptions) => {
                gotOptions.headers = { ...gotOptions.headers, 'user-agent': req.userAgent, 'accept-language': 'ru,en;q=0.8' };
              },
            ],
            requestHandler: async ({ request, body, response, addRequests }) => {
              const text = typeof body === 'string' ? body : body.toString('utf8');
              await handlePage(request, text, response.statusCode ?? 200, (urls) => addRequests(urls));
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
            requestHandler: async ({ request, page, response, addRequests }) => {
              const selector = scraper.waitFor?.(req.options);
              if (selector) await page.waitForSelector(selector, { timeout: req.timeoutSecs * 1000 }).catch(() => undefined);
              await handlePage(request, await page.content(), response?.status() ?? 200, (urls) => addRequests(urls));
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
