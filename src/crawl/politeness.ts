/**
 * Keeps repwatch a polite visitor: a minimum gap between two requests to one
 * host across every crawl of the worker, and a pause for the whole host when
 * it answers 429/503 with Retry-After.
 */
export interface DomainLimiter {
  /** Resolves when a request to this URL's host may go out. */
  wait(url: string, signal?: AbortSignal): Promise<void>;
  /** The host asked us to stay away for a while. */
  pause(url: string, ms: number): void;
}

export interface LimiterOptions {
  /** Default gap between requests to one host. */
  delayMs: number;
  /** Per host, e.g. { "www.trustpilot.com": 2000 }. */
  perHost?: Readonly<Record<string, number>>;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function createDomainLimiter(options: LimiterOptions): DomainLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  /** The earliest time the next request to a host may start; reserving a slot moves it on. */
  const nextSlot = new Map<string, number>();
  return {
    async wait(url, signal) {
      const host = hostOf(url);
      const gap = options.perHost?.[host] ?? options.delayMs;
      const at = Math.max(now(), nextSlot.get(host) ?? 0);
      nextSlot.set(host, at + gap);
      await sleep(at - now(), signal);
    },
    pause(url, ms) {
      const host = hostOf(url);
      nextSlot.set(host, Math.max(nextSlot.get(host) ?? 0, now() + ms));
    },
  };
}

/** Most APIs carry their key in the query; it must not end up in a stored error or a log line. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:access_token|token|key|api_key|apikey|client_secret|password|sig)=)[^&#]*/gi, '$1***');
}
