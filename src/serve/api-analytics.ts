import { z } from 'zod';
import { HttpError } from './http-util.ts';
import { contactSeries, negativeTags, ratingSeries, summary, type AnalyticsFilter } from './analytics-query.ts';
import type { Route, RouteContext } from './routes.ts';
import { sourceHealth } from './sources-query.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-01-31');
const DAY_MS = 86_400_000;

export const analyticsQuery = z.object({
  from: day.optional().describe('first day, inclusive (default: 90 days before `to`)'),
  to: day.optional().describe('last day, inclusive (default: today, UTC)'),
  source: z.string().max(200).optional(),
  location: z.string().max(200).optional(),
  granularity: z.enum(['day', 'week', 'month']).default('week'),
  group: z.enum(['none', 'source', 'location']).default('none'),
  format: z.enum(['json', 'csv']).default('json').describe('csv downloads the same rows'),
});

const tagsQuery = analyticsQuery.extend({ top: z.coerce.number().int().min(1).max(20).default(5) });

/** Days are inclusive for people; the queries take a half-open ISO range. */
export function toFilter(q: z.output<typeof analyticsQuery>, now: Date): AnalyticsFilter {
  const last = q.to ? Date.parse(`${q.to}T00:00:00Z`) : Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = q.from ? Date.parse(`${q.from}T00:00:00Z`) : last - 89 * DAY_MS;
  if (Number.isNaN(first) || Number.isNaN(last)) throw new HttpError(400, 'invalid from/to date');
  if (first > last) throw new HttpError(400, '`from` is after `to`');
  return {
    from: new Date(first).toISOString().slice(0, 10),
    to: new Date(last + DAY_MS).toISOString().slice(0, 10),
    granularity: q.granularity,
    group: q.group,
    ...(q.source ? { source: q.source } : {}),
    ...(q.location ? { location: q.location } : {}),
  };
}

const filterOf = (ctx: RouteContext) => toFilter(ctx.query as z.output<typeof analyticsQuery>, ctx.now);

const RATING_COLUMNS = ['period', 'group', 'volume', 'rated', 'avg_rating', 'negatives', 'positives', 'disputed_approved', 'nrr_brand', 'nrr_team', 'positive_share'];
const CONTACT_COLUMNS = ['period', 'group', 'tasks', 'contacted', 'avg_hours_to_first_contact', 'contacted_within_sla', 'within_sla_share'];

export const analyticsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/analytics/summary',
    tag: 'analytics',
    summary: 'Totals for the range: volume, average rating, NRR (brand and team, %), positive share, time to first contact, share contacted within SLA',
    access: 'viewer',
    query: analyticsQuery,
    produces: 'table',
    handler: (ctx) => {
      const s = summary(ctx.db, filterOf(ctx), ctx.now);
      return { kind: 'table', rows: [s], columns: Object.keys(s), filename: 'summary.csv', extra: { summary: s } };
    },
  },
  {
    method: 'GET',
    path: '/api/analytics/ratings',
    tag: 'analytics',
    summary: 'Average rating, volume, NRR and positive share per period, per source or location (group=)',
    access: 'viewer',
    query: analyticsQuery,
    produces: 'table',
    handler: (ctx) => ({ kind: 'table', rows: ratingSeries(ctx.db, filterOf(ctx)), columns: RATING_COLUMNS, filename: 'ratings.csv' }),
  },
  {
    method: 'GET',
    path: '/api/analytics/contact',
    tag: 'analytics',
    summary: 'Time to first contact and share contacted within SLA per period of task creation',
    access: 'viewer',
    query: analyticsQuery,
    produces: 'table',
    handler: (ctx) => ({ kind: 'table', rows: contactSeries(ctx.db, filterOf(ctx), ctx.now), columns: CONTACT_COLUMNS, filename: 'contact.csv' }),
  },
  {
    method: 'GET',
    path: '/api/analytics/tags',
    tag: 'analytics',
    summary: 'Weekly root cause: the top tags of negatives per week and source',
    access: 'viewer',
    query: tagsQuery,
    produces: 'table',
    handler: (ctx) => {
      const q = ctx.query as z.output<typeof tagsQuery>;
      return { kind: 'table', rows: negativeTags(ctx.db, toFilter(q, ctx.now), q.top), columns: ['week', 'source', 'tag', 'negatives', 'rank'], filename: 'negative-tags.csv' };
    },
  },
  {
    method: 'GET',
    path: '/api/sources',
    tag: 'sources',
    summary: "Each target's health, last crawl, items found and errors",
    access: 'viewer',
    query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
    produces: 'table',
    handler: (ctx) => ({
      kind: 'table',
      rows: sourceHealth(ctx.db),
      columns: ['id', 'source', 'name', 'health', 'last_crawl_at', 'last_ok_at', 'last_status', 'last_items_seen', 'last_items_new', 'items_found', 'runs', 'failed_runs', 'last_error'],
      filename: 'sources.csv',
    }),
  },
];
