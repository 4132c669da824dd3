/**
 * Every scraper with fixtures in scrapers/fixtures/<id>/ gets ~200 mutated
 * bodies (fast-check): truncated, spliced, characters flipped, JSON values
 * swapped for other types. A parser may refuse a body only by throwing an
 * Error; it must never hang (each parse < 1 s) and whatever it returns must
 * satisfy parsedMentionSchema. (During a crawl such a throw becomes a
 * ParseError on the crawl run: see hostile-sites.test.ts.)
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviewHtml, makeReview, siteSelectors } from '../../bench/lib/review-site.ts';
import { listScrapers } from '../../scrapers/index.ts';
import { fixture } from '../../scrapers/lib/fixture.ts';
import { parsedMentionSchema } from '../../src/crawl/mention.ts';
import type { AnyScraper } from '../../src/crawl/scraper.ts';

const RUNS = Number(process.env.REPWATCH_FUZZ_RUNS ?? 200);
const fixturesDir = fileURLToPath(new URL('../../scrapers/fixtures/', import.meta.url));

/** Replaces one value somewhere in a JSON document with a value of another type. */
function swapJsonValue(body: string, pick: number, replacement: unknown): string {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return body;
  }
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((v, i) => (slots.push({ parent: node, key: i }), walk(v)));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) (slots.push({ parent: node as Record<string, unknown>, key: k }), walk(v));
  };
  walk(doc);
  if (slots.length === 0) return JSON.stringify(replacement);
  const slot = slots[pick % slots.length]!;
  (slot.parent as Record<string | number, unknown>)[slot.key] = replacement;
  return JSON.stringify(doc);
}

const jsonValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1e300, Number.MAX_SAFE_INTEGER),
  fc.string(),
  fc.constantFrom('', '<script>', '2026-13-45', 'NaN', 'x'.repeat(10_000)),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }),
);

const mutation = (bodies: string[]) =>
  fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), body: fc.constantFrom(...bodies), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant('splice' as const), body: fc.constantFrom(...bodies), other: fc.constantFrom(...bodies), at: fc.double({ min: 0, max: 1, noNaN: true }), from: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(4000) }),
    fc.record({ kind: fc.constant('flip' as const), body: fc.constantFrom(...bodies), flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('<', '>', '"', "'", '{', '}', '[', ']', ',', ':', '\\', '\u0000', '\uFFFD', 'я', '&', ' ', '\n')), { minLength: 1, maxLength: 20 }) }),
    fc.record({ kind: fc.constant('swap' as const), body: fc.constantFrom(...bodies), pick: fc.nat(), value: jsonValue }),
    fc.record({ kind: fc.constant('garbage' as const), body: fc.string({ maxLength: 2000 }) }),
  );

type Mutation = fc.Arbitrary<ReturnType<typeof mutation> extends fc.Arbitrary<infer T> ? T : never> extends fc.Arbitrary<infer U> ? U : never;

function apply(m: Mutation): string {
  const { body } = m;
  const pos = (f: number, s: string) => Math.floor(f * s.length);
  switch (m.kind) {
    case 'truncate':
      return body.slice(0, pos(m.at, body));
    case 'splice': {
      const start = pos(m.from, m.other);
      return body.slice(0, pos(m.at, body)) + m.other.slice(start, start + m.len) + body.slice(pos(m.at, body));
    }
    case 'flip': {
      const chars = [...body];
      for (const [at, ch] of m.flips) if (chars.length > 0) chars[Math.min(chars.length - 1, Math.floor(at * chars.length))] = ch;
      return chars.join('');
    }
    case 'swap':
      return swapJsonValue(body, m.pick, m.value);
    case 'garbage':
      return body;
  }
}

function startUrl(scraper: AnyScraper, options: unknown): string {
  try {
    return scraper.start({ id: 'fuzz', url: 'https://example.org/reviews/northwind', query: 'northwind', keywords: ['northwind'] }, options, {})[0] ?? 'https://example.org/';
  } catch {
    return 'https://example.org/';
  }
}

interface Case {
  scraper: AnyScraper;
  options: unknown;
  bodies: string[];
}

const cases: Case[] = [];
for (const scraper of listScrapers()) {
  const dir = `${fixturesDir}${scraper.id}`;
  if (scraper.id === 'generic-html') {
    const page = `<!doctype html><html><body>${[1, 2, 3].map((n) => reviewHtml(makeReview('fuzz', n))).join('')}<a class="next" href="?page=2">next</a></body></html>`;
    cases.push({ scraper, options: scraper.options.parse(siteSelectors), bodies: [page] });
    continue;
  }
  if (!existsSync(dir)) continue;
  const parsed = scraper.options.safeParse({});
  if (!parsed.success) continue;
  cases.push({ scraper, options: parsed.data, bodies: readdirSync(dir).sort().map((name) => fixture(scraper.id, name)) });
}

describe('fuzzing every parser with mutated fixtures', () => {
  it('covers every scraper that has fixtures', () => {
    const withFixtures = listScrapers().filter((s) => existsSync(`${fixturesDir}${s.id}`)).map((s) => s.id);
    expect(cases.map((c) => c.scraper.id)).toEqual(expect.arrayContaining(withFixtures));
  });

  for (const { scraper, options, bodies } of cases) {
    it(`${scraper.id}: ${RUNS} mutated bodies — an Error or valid mentions, never a hang`, () => {
      const url = startUrl(scraper, options);
      let threw = 0;
      let slowest = 0;
      fc.assert(
        fc.property(mutation(bodies), (m) => {
          const body = apply(m);
          const started = performance.now();
          let result;
          try {
            result = scraper.parse(body, url, options);
          } catch (error) {
            threw++;
            expect(error, `${scraper.id} threw a non-Error`).toBeInstanceOf(Error);
            return;
          } finally {
            const took = performance.now() - started;
            slowest = Math.max(slowest, took);
            expect(took, `${scraper.id} took ${took.toFixed(0)} ms on a ${m.kind} mutation`).toBeLessThan(1000);
          }
          expect(Array.isArray(result.mentions)).toBe(true);
          expect(Array.isArray(result.next)).toBe(true);
          for (const next of result.next) expect(typeof next).toBe('string');
          for (const mention of result.mentions) {
            const check = parsedMentionSchema.safeParse(mention);
            expect(check.success, `${scraper.id} returned an invalid mention after a ${m.kind} mutation: ${check.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`).toBe(true);
          }
        }),
        { numRuns: RUNS, seed: Number(process.env.REPWATCH_FUZZ_SEED ?? 20261123) },
      );
      expect(threw).toBeLessThanOrEqual(RUNS);
      expect(slowest).toBeLessThan(1000);
    }, 60_000);
  }
});
