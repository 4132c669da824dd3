/**
 * crawl: the whole pipeline (fetch → parse → store → analyze → rules → act,
 * one transaction per page) over a local site of N review pages, beside a bare
 * crawlee HttpCrawler that only fetches and parses the same pages with the same
 * scraper. Both crawl ONE target one page at a time (maxConcurrency 1, the
 * next page enqueued from the page before), as repwatch does per target.
 *
 * recrawl: pages fetched to re-crawl a target of 10,000 reviews after 3 new ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Configuration } from '@crawlee/core';
import { HttpCrawler } from '@crawlee/http';
import { genericHtml } from '../../scrapers/generic-html.ts';
import { loadConfigText } from '../../src/config/load.ts';
import { crawlTargets, createWorker } from '../../src/pipeline/worker.ts';
import { closeDb } from '../../src/store/db.ts';
import { siteSelectors } from './review-site.ts';
import { siteConfigText, spawnReviewSite } from './site-config.ts';

export interface CrawlBench {
  pages: number;
  mentions: number;
  repwatch_pages_per_s: number;
  repwatch_mentions_per_s: number;
  bare_pages_per_s: number;
  bare_mentions_per_s: number;
  crawl_ratio: number;
}

/** The baseline: crawlee alone, same pages, same parse, nothing stored. */
async function bareCrawl(startUrl: string): Promise<{ pages: number; mentions: number; seconds: number }> {
  const options = genericHtml.options.parse(siteSelectors);
  let pages = 0;
  let mentions = 0;
  const crawler = new HttpCrawler(
    {
      maxConcurrency: 1,
      maxRequestRetries: 2,
      sessionPoolOptions: { blockedStatusCodes: [] },
      requestHandler: async ({ request, body, addRequests }) => {
        const text = typeof body === 'string' ? body : body.toString('utf8');
        const result = genericHtml.parse(text, request.loadedUrl ?? request.url, options);
        pages++;
        mentions += result.mentions.length;
        if (result.next.length > 0) await addRequests(result.next.map((url) => ({ url })));
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  const start = performance.now();
  await crawler.run([startUrl]);
  const seconds = (performance.now() - start) / 1000;
  await crawler.teardown().catch(() => undefined);
  return { pages, mentions, seconds };
}

async function repwatchCrawl(siteUrl: string, target: string, dir: string, round: number): Promise<{ pages: number; mentions: number; seconds: number }> {
  const config = loadConfigText(siteConfigText({ siteUrl, targets: [target] }), join(dir, 'repwatch.yaml'), {});
  const worker = createWorker(config, join(dir, `crawl-${round}.db`));
  try {
    const start = performance.now();
    const [result] = await crawlTargets(worker, config.targets, { concurrency: 1 });
    const seconds = (performance.now() - start) / 1000;
    if (!result || result.error) throw new Error(`repwatch crawl failed: ${result?.error}`);
    return { pages: result.pages, mentions: result.new, seconds };
  } finally {
    closeDb(worker.db);
  }
}

export async function benchCrawl(opts: { pages: number; pageSize: number; rounds: number; log: (s: string) => void }): Promise<CrawlBench> {
  const site = await spawnReviewSite(opts.pages * opts.pageSize, opts.pageSize);
  const dir = mkdtempSync(join(tmpdir(), 'repwatch-bench-'));
  const target = 'shop';
  try {
    // Warm-up: JIT, sockets, module loading, on a short site, for both sides.
    await bareCrawl(`${site.url}/t/${target}/reviews?page=${opts.pages - 20}`);
    let bare = { pages: 0, mentions: 0, seconds: Infinity };
    let ours = { pages: 0, mentions: 0, seconds: Infinity };
    // Alternate the two and keep each side's best round, so a busy moment on the machine skews neither.
    for (let round = 0; round < opts.rounds; round++) {
      const b = await bareCrawl(`${site.url}/t/${target}/reviews`);
      opts.log(`  crawl round ${round + 1}: bare ${b.pages} pages in ${b.seconds.toFixed(1)} s`);
      if (b.seconds < bare.seconds) bare = b;
      const r = await repwatchCrawl(site.url, target, dir, round);
      opts.log(`  crawl round ${round + 1}: repwatch ${r.pages} pages, ${r.mentions} mentions in ${r.seconds.toFixed(1)} s`);
      if (r.seconds < ours.seconds) ours = r;
    }
    if (bare.pages !== opts.pages || ours.pages !== opts.pages) throw new Error(`expected ${opts.pages} pages, bare read ${bare.pages}, repwatch ${ours.pages}`);
    return {
      pages: opts.pages,
      mentions: ours.mentions,
      repwatch_pages_per_s: ours.pages / ours.seconds,
      repwatch_mentions_per_s: ours.mentions / ours.seconds,
      bare_pages_per_s: bare.pages / bare.seconds,
      bare_mentions_per_s: bare.mentions / bare.seconds,
      crawl_ratio: bare.seconds / ours.seconds,
    };
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RecrawlBench {
  reviews: number;
  first_crawl_pages: number;
  first_crawl_s: number;
  recrawl_pages: number;
  recrawl_new: number;
}

/** Crawl a 10,000-review target once, add 3 reviews on top, crawl again and count the pages the site served. */
export async function benchRecrawl(opts: { reviews: number; pageSize: number; added: number }): Promise<RecrawlBench> {
  const site = await spawnReviewSite(opts.reviews, opts.pageSize);
  const dir = mkdtempSync(join(tmpdir(), 'repwatch-bench-'));
  const config = loadConfigText(siteConfigText({ siteUrl: site.url, targets: ['big'] }), join(dir, 'repwatch.yaml'), {});
  const worker = createWorker(config, join(dir, 'recrawl.db'));
  try {
    const start = performance.now();
    const [first] = await crawlTargets(worker, config.targets, { concurrency: 1 });
    const firstSeconds = (performance.now() - start) / 1000;
    if (!first || first.new !== opts.reviews) throw new Error(`first crawl stored ${first?.new} of ${opts.reviews}`);
    await site.add(opts.added);
    const before = (await site.stats()).hits;
    const [again] = await crawlTargets(worker, config.targets, { concurrency: 1 });
    const fetched = (await site.stats()).hits - before;
    return { reviews: opts.reviews, first_crawl_pages: first.pages, first_crawl_s: firstSeconds, recrawl_pages: fetched, recrawl_new: again?.new ?? 0 };
  } finally {
    closeDb(worker.db);
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
