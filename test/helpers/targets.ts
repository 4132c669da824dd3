import { genericBrowser } from '../../scrapers/generic-browser.ts';
import { genericHtml } from '../../scrapers/generic-html.ts';
import { brandMatcher, type ResolvedTarget } from '../../src/config/load.ts';
import type { CrawlSettings } from '../../src/pipeline/run-target.ts';
import { findChromium } from '../../src/crawl/browser.ts';

export const reviewSelectors = {
  item: 'article.review',
  fields: { id: '@data-id', author: '.author', rating: '.stars@data-rating', title: '.title', text: '.text', date: 'time@datetime', location: '.location' },
  next: 'a.next@href',
};

export function htmlTarget(id: string, url: string, over: Partial<ResolvedTarget> = {}): ResolvedTarget {
  const matches = brandMatcher({ keywords: over.keywords ?? [], brand: over.brand });
  return {
    ...(matches ? { matches } : {}),
    id,
    source: 'generic-html',
    url,
    keywords: [],
    cron: '* * * * *',
    timezone: 'UTC',
    jitter_seconds: 0,
    enabled: true,
    options: reviewSelectors,
    scraperOptions: genericHtml.options.parse(reviewSelectors),
    ...over,
  };
}

export function browserTarget(id: string, url: string): ResolvedTarget {
  const options = { ...reviewSelectors, wait_for: 'article.review' };
  return { ...htmlTarget(id, url), source: 'generic-browser', options, scraperOptions: genericBrowser.options.parse(options) };
}

export const chromiumPath = findChromium(process.env.REPWATCH_CHROMIUM);

/** CI installs Chromium, so there a missing browser fails the browser tests instead of skipping them. */
export const skipBrowser = !chromiumPath && !process.env.CI;

export const settings: CrawlSettings = { maxPages: 50, userAgent: 'repwatch-test', timeoutSecs: 10, maxRetries: 1, chromiumPath };
