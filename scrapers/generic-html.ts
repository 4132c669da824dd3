/**
 * generic-html: any site without a built-in scraper, read over HTTP with CSS
 * selectors from the target's `options` (item, fields, next, rating_scale).
 * Emits: id (or a hash of author+date+text), url, author, rating, title, text,
 * date, reply, location; follows the `next` link for older pages.
 */
import { defineScraper } from '../src/crawl/scraper.ts';
import { cssOptionsSchema, parseWithSelectors } from './lib/css-extract.ts';

export const genericHtml = defineScraper({
  id: 'generic-html',
  kind: 'review',
  engine: 'http',
  description: 'Any static HTML site, configured by CSS selectors',
  options: cssOptionsSchema,
  start: (target) => (target.url ? [target.url] : []),
  parse: parseWithSelectors,
});
