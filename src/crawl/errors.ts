/** The class decides policy: blocked pages mark the target blocked and are not retried at once. */
export class CrawlError extends Error {
  constructor(
    message: string,
    readonly targetId: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CrawlError';
  }
}

/** 401/403/429 or a captcha page: the site refuses us, a retry now makes it worse. */
export class BlockedError extends CrawlError {
  override name = 'BlockedError';
}

/** The page parsed, but into nothing where items used to be: the site's markup changed. */
export class LayoutChangedError extends CrawlError {
  override name = 'LayoutChangedError';
}

/** A page the scraper could not read (bad JSON, wrong content type). */
export class ParseError extends CrawlError {
  override name = 'ParseError';
}

const CAPTCHA = /captcha|are you a robot|unusual traffic|подтвердите, что вы не робот|вы не робот|smartcaptcha|cf-challenge|challenge-platform/i;

/** A 200 page that is really a wall; checked only on pages that yielded no items. */
export function looksLikeCaptcha(body: string): boolean {
  return CAPTCHA.test(body.slice(0, 200_000));
}
