import { describe, expect, it } from 'vitest';
import { scrapers } from '../../scrapers/index.ts';
import { parsedMentionSchema } from '../../src/crawl/mention.ts';
import type { AnyScraper } from '../../src/crawl/scraper.ts';

/** Bodies a scraper meets in the wild; none may crash it with anything but an Error. */
const hostile = ['', ' ', '{}', '[]', 'null', '<html><body></body></html>', '<rss><channel></channel></rss>', '{"data":', '<html><body><div class="review"', '\u0000\uFFFD'];

function defaultOptions(s: AnyScraper): unknown | null {
  const parsed = s.options.safeParse({});
  return parsed.success ? parsed.data : null;
}

describe.each(Object.entries(scrapers))('scraper %s', (key, scraper: AnyScraper) => {
  it('is registered under its own id and declares kind, engine and a description', () => {
    expect(scraper.id).toBe(key);
    expect(scraper.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(['map', 'review', 'social', 'feed']).toContain(scraper.kind);
    expect(['http', 'browser']).toContain(scraper.engine);
    expect(scraper.description.length).toBeGreaterThan(10);
  });

  it('returns mentions in the normalized shape, or throws an Error, on hostile bodies', () => {
    const options = defaultOptions(scraper);
    if (options === null) return; // needs options from the config; covered by its own tests
    for (const body of hostile) {
      let result: ReturnType<AnyScraper['parse']> | undefined;
      try {
        result = scraper.parse(body, 'https://example.org/page', options);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
        expect((e as Error).message.length).toBeGreaterThan(5);
        continue;
      }
      expect(Array.isArray(result.next)).toBe(true);
      for (const m of result.mentions) expect(parsedMentionSchema.safeParse(m).success).toBe(true);
    }
  });

  it('is pure: the same body parses to the same result twice', () => {
    const options = defaultOptions(scraper);
    if (options === null) return;
    const body = '<html><body><p>Hello</p></body></html>';
    const run = () => {
      try {
        return scraper.parse(body, 'https://example.org/', options);
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(run()).toEqual(run());
  });
});
