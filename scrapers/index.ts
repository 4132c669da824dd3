import type { AnyScraper } from '../src/crawl/scraper.ts';
import { genericBrowser } from './generic-browser.ts';
import { genericHtml } from './generic-html.ts';
import { reviewScrapers } from './reviews.ts';
import { socialScrapers } from './social.ts';

/** Every built-in scraper by id; the key must equal the scraper's id (checked by the contract test). */
export const scrapers = {
  'generic-html': genericHtml,
  'generic-browser': genericBrowser,
  ...reviewScrapers,
  ...socialScrapers,
} satisfies Record<string, AnyScraper>;

export function findScraper(id: string): AnyScraper | undefined {
  return Object.hasOwn(scrapers, id) ? (scrapers as Record<string, AnyScraper>)[id] : undefined;
}

export function listScrapers(): AnyScraper[] {
  return Object.values(scrapers);
}
