/**
 * A local review site for benchmarks and reliability tests: any number of
 * targets, each with `reviews` reviews newest first, `pageSize` per page, a
 * "next" link to older pages. Reviews are generated from their number by a
 * seeded PRNG, so every run (and every process) sees the same site.
 *
 *   /t/<target>/reviews?page=N     HTML page N (1 = newest)
 *   POST /_control/add?n=K[&t=T]   K new reviews on top (of every target, or of T)
 *   GET  /_control/stats           {"hits": pages served, "robots": robots.txt hits}
 *
 * Run it in its own process (`node --import tsx bench/lib/review-site.ts --reviews N --page-size P`;
 * it prints its URL on the first stdout line) so that a benchmark measures the
 * crawler, not the server, on the same event loop.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { prng } from './prng.ts';

export interface ReviewSiteOptions {
  /** Reviews per target at start. */
  reviews: number;
  pageSize: number;
  /** Artificial latency per page, ms (0 = none). */
  delayMs?: number;
}

export interface ReviewSite {
  url: string;
  /** Page requests served (robots.txt left out). */
  hits: number;
  /** Page paths asked for, in order. */
  paths: string[];
  server: Server;
  /** K new reviews on top of one target, or of every target. */
  add(n: number, target?: string): void;
  /** How many reviews a target has now. */
  total(target: string): number;
  /** Every review of a target, newest first: what a crawl must end up storing. */
  review(target: string, n: number): SiteReview;
  close(): Promise<void>;
}

export interface SiteReview {
  id: string;
  author: string;
  rating: number;
  title: string;
  text: string;
  date: string;
}

const EN_GOOD = 'great friendly fast delicious lovely excellent recommend clean helpful cozy'.split(' ');
const EN_BAD = 'terrible rude slow cold dirty awful broken overpriced ignored refund'.split(' ');
const EN_PLAIN = 'the coffee staff order service we waited table was and our visit today with a latte pastry'.split(' ');
const RU_GOOD = 'отлично вкусно быстро вежливо уютно рекомендую спасибо чисто приятно супер'.split(' ');
const RU_BAD = 'ужасно грубо долго холодный грязно обман хамство дорого сломался верните'.split(' ');
const RU_PLAIN = 'кофе заказ персонал сегодня мы был очень в на с официант столик было и десерт'.split(' ');

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Review number n (1 = oldest) of a target: the same on every call. */
export function makeReview(target: string, n: number): SiteReview {
  const rand = prng(hashString(target) ^ Math.imul(n, 2654435761));
  const ru = rand() < 0.5;
  const rating = 1 + Math.floor(rand() * 5);
  const mood = rating <= 2 ? (ru ? RU_BAD : EN_BAD) : rating >= 4 ? (ru ? RU_GOOD : EN_GOOD) : null;
  const plain = ru ? RU_PLAIN : EN_PLAIN;
  const words: string[] = [];
  const len = 8 + Math.floor(rand() * 20);
  for (let k = 0; k < len; k++) {
    const list = mood && rand() < 0.2 ? mood : plain;
    words.push(list[Math.floor(rand() * list.length)] as string);
  }
  const date = new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
  return {
    id: `${target}-r${n}`,
    author: `${ru ? 'Гость' : 'Guest'} ${n}`,
    rating,
    title: words.slice(0, 3).join(' '),
    text: `${words.join(' ')} (#${n})`,
    date,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function reviewHtml(r: SiteReview): string {
  return `<article class="review" data-id="${esc(r.id)}">
  <h3 class="title">${esc(r.title)}</h3>
  <span class="author">${esc(r.author)}</span>
  <span class="stars" data-rating="${r.rating}"></span>
  <time datetime="${r.date}">${r.date.slice(0, 10)}</time>
  <span class="location">Main street</span>
  <p class="text">${esc(r.text)}</p>
</article>`;
}

/** The selectors generic-html needs for this site (the same as the test helpers'). */
export const siteSelectors = {
  item: 'article.review',
  fields: { id: '@data-id', author: '.author', rating: '.stars@data-rating', title: '.title', text: '.text', date: 'time@datetime', location: '.location' },
  next: 'a.next@href',
};

export async function startReviewSite(options: ReviewSiteOptions, port = 0): Promise<ReviewSite> {
  const extra = new Map<string, number>();
  let extraAll = 0;
  const total = (t: string) => options.reviews + extraAll + (extra.get(t) ?? 0);
  const site = { hits: 0, paths: [] as string[] };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/robots.txt') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('');
      return;
    }
    if (url.pathname === '/_control/add') {
      const n = Number(url.searchParams.get('n') ?? '1');
      const t = url.searchParams.get('t');
      if (t) extra.set(t, (extra.get(t) ?? 0) + n);
      else extraAll += n;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    if (url.pathname === '/_control/stats') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ hits: site.hits }));
      return;
    }
    const m = /^\/t\/([\w.-]+)\/reviews$/.exec(url.pathname);
    if (!m) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    site.hits++;
    site.paths.push(`${url.pathname}${url.search}`);
    const target = m[1] as string;
    const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
    const count = total(target);
    const newest = count - (page - 1) * options.pageSize;
    const items: string[] = [];
    for (let n = newest; n > Math.max(0, newest - options.pageSize); n--) items.push(reviewHtml(makeReview(target, n)));
    const hasNext = newest - options.pageSize > 0;
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(target)} reviews, page ${page}</title></head><body>
<h1>${esc(target)}</h1><section id="reviews">${items.join('\n')}</section>
<nav>${hasNext ? `<a class="next" href="/t/${target}/reviews?page=${page + 1}">Older</a>` : ''}</nav></body></html>`;
    const send = () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (options.delayMs) setTimeout(send, options.delayMs);
    else send();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return Object.assign(site, {
    url: `http://127.0.0.1:${bound}`,
    server,
    add(n: number, target?: string) {
      if (target) extra.set(target, (extra.get(target) ?? 0) + n);
      else extraAll += n;
    },
    total,
    review: (target: string, n: number) => makeReview(target, n),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

// Own process: prints the URL, serves until killed.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const site = await startReviewSite({ reviews: arg('--reviews', 100), pageSize: arg('--page-size', 10), delayMs: arg('--delay-ms', 0) });
  process.stdout.write(`${site.url}\n`);
  process.on('SIGTERM', () => void site.close().then(() => process.exit(0)));
}
