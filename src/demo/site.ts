import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../text/escape-html.ts';
import { APP_REVIEWS, STATIC_REVIEWS, type DemoReview } from './reviews.ts';

export const STATIC_PAGE_SIZE = 5;
export const APP_PAGE_SIZE = 3;

export interface DemoSite {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function reviewHtml(r: DemoReview): string {
  return `<article class="review" data-id="${escapeHtml(r.id)}">
  <h3 class="title">${escapeHtml(r.title)}</h3>
  <span class="author">${escapeHtml(r.author)}</span>
  <span class="stars" data-rating="${r.rating}">${'★'.repeat(r.rating)}${'☆'.repeat(5 - r.rating)}</span>
  <time datetime="${r.date}">${r.date.slice(0, 10)}</time>
  <span class="location">${escapeHtml(r.location)}</span>
  <p class="text">${escapeHtml(r.text)}</p>
  <a class="permalink" href="/reviews/${escapeHtml(r.id)}">link</a>
</article>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

function staticReviews(pageNo: number, reviews: readonly DemoReview[]): string {
  const items = reviews.slice((pageNo - 1) * STATIC_PAGE_SIZE, pageNo * STATIC_PAGE_SIZE);
  const hasNext = pageNo * STATIC_PAGE_SIZE < reviews.length;
  return page(
    `Northwind Coffee reviews, page ${pageNo}`,
    `<h1>Northwind Coffee / Кофейня «Северный ветер»</h1><section id="reviews">${items.map(reviewHtml).join('\n')}</section>
<nav>${hasNext ? `<a class="next" href="/reviews?page=${pageNo + 1}">Older reviews</a>` : ''}</nav>`,
  );
}

/** The app-store style page renders its reviews in the browser from a JSON API. */
function appShell(pageNo: number): string {
  return page(
    'Northwind Coffee app reviews',
    `<h1>Northwind app</h1><section id="reviews"><p class="loading">Loading…</p></section><nav id="nav"></nav>
<script>
setTimeout(async () => {
  const res = await fetch('/api/app-reviews?page=${pageNo}');
  const data = await res.json();
  const section = document.getElementById('reviews');
  section.textContent = '';
  for (const r of data.reviews) {
    const el = document.createElement('article');
    el.className = 'review';
    el.dataset.id = r.id;
    for (const [cls, value] of [['title', r.title], ['author', r.author], ['text', r.text], ['location', r.location]]) {
      const part = document.createElement(cls === 'text' ? 'p' : 'span');
      part.className = cls;
      part.textContent = value;
      el.appendChild(part);
    }
    const stars = document.createElement('span');
    stars.className = 'stars';
    stars.dataset.rating = String(r.rating);
    el.appendChild(stars);
    const time = document.createElement('time');
    time.setAttribute('datetime', r.date);
    el.appendChild(time);
    section.appendChild(el);
  }
  if (data.next) {
    const a = document.createElement('a');
    a.className = 'next';
    a.href = '/app/reviews?page=' + data.next;
    document.getElementById('nav').appendChild(a);
  }
}, 50);
</script>`,
  );
}

export interface DemoSiteOptions {
  port?: number;
  staticReviews?: readonly DemoReview[];
  appReviews?: readonly DemoReview[];
}

/** Serves the bundled demo site on 127.0.0.1 (an ephemeral port unless one is given). */
export async function startDemoSite(options: DemoSiteOptions = {}): Promise<DemoSite> {
  const staticList = options.staticReviews ?? STATIC_REVIEWS;
  const appList = options.appReviews ?? APP_REVIEWS;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pageNo = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
      res.end(body);
    };
    if (url.pathname === '/reviews') return send(200, 'text/html', staticReviews(pageNo, staticList));
    if (url.pathname === '/app/reviews') return send(200, 'text/html', appShell(pageNo));
    if (url.pathname === '/api/app-reviews') {
      const items = appList.slice((pageNo - 1) * APP_PAGE_SIZE, pageNo * APP_PAGE_SIZE);
      const next = pageNo * APP_PAGE_SIZE < appList.length ? pageNo + 1 : null;
      return send(200, 'application/json', JSON.stringify({ reviews: items, next }));
    }
    if (url.pathname === '/') return send(200, 'text/html', page('Northwind Coffee', '<a href="/reviews">Reviews</a> <a href="/app/reviews">App reviews</a>'));
    return send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
