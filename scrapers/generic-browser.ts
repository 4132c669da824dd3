/**
 * generic-browser: like generic-html, for pages that render their reviews with
 * JavaScript. Chromium loads the page, waits for `wait_for` (or the item
 * selector), and the rendered HTML goes through the same selector parser.
 */
import { defineScraper } from '../src/crawl/scraper.ts';
import { cssOptionsSchema, parseWithSelectors } from './lib/css-extract.ts';

export const genericBrowser = defineScraper({
  id: 'generic-browser',
  kind: 'review',
  engine: 'browser',
  description: 'Any JavaScript-rendered site, configured by CSS selectors, read through Chromium',
  options: cssOptionsSchema,
  start: (target) => (target.url ? [target.url] : []),
  parse: parseWithSelectors,
  waitFor: (options) => options.wait_for ?? options.item,
});
