import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HttpError } from './http-util.ts';
import { toCsv } from './csv.ts';
import { reviewsJsonLd, scriptSafeJson } from './jsonld.ts';
import { aggregateRating, marketingReviews, MarketingError, setMarketing } from './marketing-query.ts';
import type { Route, RouteContext, RouteResult } from './routes.ts';

/** Public, embeddable on any site, and cheap to serve again: CORS for everyone and five minutes of caching. */
export const PUBLIC_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'public, max-age=300',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

const listQuery = z.object({
  state: z.enum(['candidate', 'approved', 'hidden']).default('candidate'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const feedQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
const jsonLdQuery = feedQuery.extend({ format: z.enum(['json', 'script']).default('json').describe('script: the ready-to-paste <script type="application/ld+json"> element') });
const decisionBody = z.object({ action: z.enum(['approve', 'hide', 'reset']) });

const FEED_COLUMNS = ['id', 'source', 'author', 'rating', 'title', 'text', 'location', 'published_at', 'url'];

/** Answers with an ETag and 304 when the client already has this body. */
function cacheable(ctx: RouteContext, body: string, type: string): RouteResult {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = { ...PUBLIC_HEADERS, ETag: etag };
  if (ctx.req.headers['if-none-match'] === etag) return { kind: 'raw', status: 304, body: '', type, headers };
  return { kind: 'raw', body, type, headers };
}

function approved(ctx: RouteContext, limit: number) {
  return marketingReviews(ctx.db, 'approved', limit, 0).items;
}

export const marketingRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/marketing/reviews',
    tag: 'marketing',
    summary: 'Positive reviews by marketing state: candidate (to decide), approved (on the site), hidden',
    access: 'viewer',
    query: listQuery,
    handler: (ctx) => {
      const q = ctx.query as z.output<typeof listQuery>;
      return { kind: 'json', value: { state: q.state, limit: q.limit, offset: q.offset, ...marketingReviews(ctx.db, q.state, q.limit, q.offset) } };
    },
  },
  {
    method: 'POST',
    path: '/api/marketing/reviews/{id}',
    tag: 'marketing',
    summary: 'Approve a review for the company site, hide it, or put it back among the candidates',
    access: 'lead',
    body: decisionBody,
    handler: (ctx) => {
      const id = Number(ctx.params.id);
      if (!Number.isInteger(id) || id <= 0) throw new HttpError(404, `no mention ${ctx.params.id}`);
      const { action } = ctx.body as z.output<typeof decisionBody>;
      try {
        setMarketing(ctx.db, id, action === 'approve' ? 'approved' : action === 'hide' ? 'hidden' : 'candidate');
      } catch (e) {
        if (e instanceof MarketingError) throw new HttpError(e.message.startsWith('no mention') ? 404 : 409, e.message);
        throw e;
      }
      return { kind: 'json', value: { id, marketing: action === 'approve' ? 'approved' : action === 'hide' ? 'hidden' : 'candidate' } };
    },
  },
  {
    method: 'GET',
    path: '/api/public/reviews',
    tag: 'public',
    summary: 'The public feed: approved reviews (newest first) and the aggregate rating; CORS, cacheable',
    access: 'public',
    query: feedQuery,
    handler: (ctx) => {
      const q = ctx.query as z.output<typeof feedQuery>;
      const body = JSON.stringify({ brand: ctx.settings.brand, aggregate: aggregateRating(ctx.db, ctx.now), reviews: approved(ctx, q.limit) });
      return cacheable(ctx, body, 'application/json; charset=utf-8');
    },
  },
  {
    method: 'GET',
    path: '/api/public/reviews.csv',
    tag: 'public',
    summary: 'The approved reviews as CSV',
    access: 'public',
    query: z.object({ limit: z.coerce.number().int().min(1).max(10_000).default(1000) }),
    produces: 'csv',
    handler: (ctx) => {
      const { limit } = ctx.query as { limit: number };
      const r = cacheable(ctx, toCsv(approved(ctx, limit), FEED_COLUMNS), 'text/csv; charset=utf-8');
      return r.kind === 'raw' ? { ...r, headers: { ...r.headers, 'Content-Disposition': 'attachment; filename="approved-reviews.csv"' } } : r;
    },
  },
  {
    method: 'GET',
    path: '/api/public/reviews.jsonld',
    tag: 'public',
    summary: 'schema.org Organization with AggregateRating and the approved reviews as Review, for the company page',
    access: 'public',
    query: jsonLdQuery,
    produces: 'ld+json',
    handler: (ctx) => {
      const q = ctx.query as z.output<typeof jsonLdQuery>;
      const json = scriptSafeJson(reviewsJsonLd(ctx.settings.brand, aggregateRating(ctx.db, ctx.now), approved(ctx, q.limit)));
      if (q.format === 'script') return cacheable(ctx, `<script type="application/ld+json">${json}</script>\n`, 'text/plain; charset=utf-8');
      return cacheable(ctx, json, 'application/ld+json; charset=utf-8');
    },
  },
];
