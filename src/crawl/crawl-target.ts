import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Configuration, log, ProxyConfiguration, type Request } from '@crawlee/core';
import { HttpCrawler } from '@crawlee/http';
import { CHROMIUM_ARGS } from './browser.ts';
import { decodeBody } from './decode.ts';
import { BlockedError, CrawlError, looksLikeCaptcha, ParseError } from './errors.ts';
import { redactUrl, type DomainLimiter } from './politeness.ts';
import type { AnyScraper, ParseResult, TargetSpec } from './scraper.ts';
import { retryAfterMs } from '../text/retry-after.ts';

// crawlee's own logging would interleave with our progress lines; failures come back as CrawlErrors.
log.setLevel(log.LEVELS.OFF);

/**
 * crawlee 3.18 gives every request queue a 1,000,000-slot dedup cache: two 8 MB
 * arrays. Each crawl of a target builds its own queue, so a worker watching 100
 * targets made 1.6 GB of garbage per cycle and its RSS climbed past 1.5 GB
 * (bench: rss_mb_100_targets). A crawl here queues at most max_pages requests,
 * one at a time; a few thousand slots are plenty, and a collision in that cache
 * only costs a harmless re-submission, never a dropped request.
 */
const DEDUP_SLOTS = 4096;
function shrinkCrawleeDedupCache(): void {
  try {
    const require = createRequire(import.meta.url);
    const file = join(dirname(require.resolve('@crawlee/core')), 'storages', 'request_dedup_cache.js');
    const mod = require(file) as { RequestDeduplicationCache?: new (size?: number) => object };
    const Original = mod.RequestDeduplicationCache;
    if (!Original || (Original as { repwatchSlots?: number }).repwatchSlots) return;
    mod.RequestDeduplicationCache = class extends Original {
      static repwatchSlots = DEDUP_SLOTS;
      constructor(size = DEDUP_SLOTS) {
        super(Math.min(size, DEDUP_SLOTS));
      }
    };
  } catch {
    // Another crawlee layout: nothing to shrink, only more memory used.
  }
}
shrinkCrawleeDedupCache();

/** Largest response body read, unless a crawl sets its own: a 50 MB "page" is refused, not parsed. */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

/** A body over the cap: a clear error on the crawl run, never retried. */
export class BodyTooLargeError extends CrawlError {
  override name = 'BodyTooLargeError';
}

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
  /** Largest response body to read (HTTP engine); default DEFAULT_MAX_BODY_BYTES, or REPWATCH_MAX_BODY_BYTES in env. */
  maxBodyBytes?: number;
}

export type StopReason = 'known' | 'end' | 'max_pages' | 'error' | 'aborted';

export interface CrawlResult {
  pages: number;
  stop: StopReason;
  errors: CrawlError[];
}

const JSON_AND_FEEDS = ['application/json', 'application/ld+json', 'text/plain', 'application/xml', 'text/xml', 'application/atom+xml', 'application/rss+xml'];

/** The got response stream, as far as the body cap needs it. */
interface BodyStream {
  headers?: Record<string, string | string[] | undefined>;
  on?(event: 'downloadProgress', listener: (progress: { transferred: number }) => void): unknown;
  destroy?(error?: Error): unknown;
}

function isJson(body: string): boolean {
  try {
    JSON.parse(body.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

function charsetOf(contentType: string | string[] | undefined): string | undefined {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value ? /charset\s*=\s*"?([\w-]+)/i.exec(value)?.[1] : undefined;
}

function classifyStatus(status: number, target: string, url: string): CrawlError | null {
  const shown = redactUrl(url);
  if (status === 401 || status === 403 || status === 429) return new BlockedError(`HTTP ${status} from ${shown}`, target, shown);
  if (status >= 400) return new CrawlError(`HTTP ${status} from ${shown}`, target, shown);
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
      throw new ParseError(`${scraper.id} could not parse ${redactUrl(request.url)}: ${redactUrl((cause as Error).message)}`, target.id, redactUrl(request.url), { cause });
    }
    // CSS selectors find nothing in JSON: say so, instead of a quiet empty page (or "layout changed").
    if (result.mentions.length === 0 && scraper.id === 'generic-html' && /^\s*[[{]/.test(body.replace(/^\uFEFF/, '')) && isJson(body)) {
      request.noRetry = true;
      throw new ParseError(`${scraper.id} could not parse ${redactUrl(request.url)}: expected an HTML page; got JSON`, target.id, redactUrl(request.url));
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
    // got wraps an error we destroyed the body stream with (the size cap): report ours, not the wrapper.
    let own: unknown = error;
    while (own instanceof Error && !(own instanceof CrawlError)) own = own.cause;
    const found = own instanceof CrawlError ? own : oversized.get(request.url);
    state.errors.push(found ?? new CrawlError(`${url}: ${redactUrl(error.message)}`, target.id, url, { cause: error }));
  };

  const maxBody = req.maxBodyBytes ?? (Number(env.REPWATCH_MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES);
  const oversized = new Map<string, BodyTooLargeError>();
  const tooLarge = (request: Request, bytes: number, declared: boolean) => {
    request.noRetry = true;
    const url = redactUrl(request.url);
    const error = new BodyTooLargeError(`${url}: response body ${declared ? 'declared as' : 'passed'} ${bytes} bytes, over the ${maxBody}-byte limit; not read`, target.id, url);
    oversized.set(request.url, error);
    return error;
  };
  /** Refuses a body over the cap: at once from Content-Length, else while it streams in. */
  const capBody = (request: Request, response: BodyStream | undefined) => {
    if (!response) return;
    const declared = Number(response.headers?.['content-length']);
    if (Number.isFinite(declared) && declared > maxBody) {
      const error = tooLarge(request, declared, true);
      response.destroy?.(error);
      throw error;
    }
    response.on?.('downloadProgress', (progress: { transferred: number }) => {
      if (progress.transferred > maxBody) response.destroy?.(tooLarge(request, progress.transferred, false));
    });
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
            // Raw bytes (latin1 is a byte-for-byte Node encoding): decodeBody then honours the
            // Content-Type charset, else a <meta charset>, else UTF-8 (windows-1251 sites).
            forceResponseEncoding: 'latin1',
            preNavigationHooks: [
              async ({ request }, gotOptions) => {
                gotOptions.headers = { ...gotOptions.headers, ...headers, 'user-agent': req.userAgent };
                await polite(request.url);
              },
            ],
            postNavigationHooks: [({ request, response }) => capBody(request, response as unknown as BodyStream | undefined)],
            requestHandler: async ({ request, body, response, addRequests }) => {
              const text = typeof body === 'string' ? body : decodeBody(body, charsetOf(response.headers['content-type']));
              const retryAfter = response.headers['retry-after'];
              await handlePage(request, text, response.statusCode ?? 200, typeof retryAfter === 'string' ? retryAfter : null, (r) => addRequests(r));
            },
            failedRequestHandler: async ({ request }, error) => onFailed(request, error),
          },
          config,
        )
      : new (await import('@crawlee/playwright')).PlaywrightCrawler(
          {
            ...common,
            headless: true,
            browserPoolOptions: { useFingerprints: false },
            launchContext: {
              // Loaded only for a browser target: playwright alone is ~100 MB of heap in an HTTP-only worker.
              launcher: (await import('playwright')).chromium,
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
