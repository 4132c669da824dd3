import { isPostgresClient } from '../store/pg/database.ts';
import type { Db } from '../store/db.ts';

/**
 * Analyst figures. Definitions (also in the OpenAPI document):
 * - a rated item is a mention with a rating (removed ones and reposts do not count);
 * - a negative is a rated item of 2 stars or less, a positive one of 4 or more;
 * - NRR = negatives / rated items, in %; the team's NRR leaves out the items
 *   whose task has an approved dispute (from both sides of the fraction), the
 *   brand's keeps them;
 * - time to first contact: from a task's creation to its first contact;
 *   within SLA: first contact at or before the due time, out of the tasks that
 *   were contacted or are already past due.
 * Everything is bucketed by publication time (tasks by creation time) in UTC.
 */
export interface AnalyticsFilter {
  from: string;
  to: string;
  source?: string;
  location?: string;
  granularity: 'day' | 'week' | 'month';
  group: 'none' | 'source' | 'location';
}

function period(column: string, g: AnalyticsFilter['granularity']): string {
  if (g === 'day') return `substr(${column}, 1, 10)`;
  if (g === 'month') return `substr(${column}, 1, 7) || '-01'`;
  // The Monday that starts the ISO week.
  return `date(${column}, '-6 days', 'weekday 1')`;
}

/** The mention conditions every figure shares; the partial index mentions_analytics matches them. */
function mentionWhere(f: AnalyticsFilter, alias = 'm'): string {
  const parts = [`${alias}.removed = 0`, `${alias}.duplicate_of is null`, `${alias}.published_at >= @from`, `${alias}.published_at < @to`];
  if (f.source) parts.push(`${alias}.source = @source`);
  if (f.location) parts.push(`${alias}.location = @location`);
  return parts.join(' and ');
}

function params(f: AnalyticsFilter) {
  return { from: f.from, to: f.to, ...(f.source ? { source: f.source } : {}), ...(f.location ? { location: f.location } : {}) };
}

function groupColumn(f: AnalyticsFilter, alias = 'm'): string {
  return f.group === 'source' ? `${alias}.source` : f.group === 'location' ? `coalesce(${alias}.location, '')` : `'all'`;
}

/**
 * Ranges of whole days (what the API sends) read the rollups that migration
 * 0006 keeps in step with mentions by triggers, instead of every mention in
 * the range: the same figures, from a few rows per day.
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const byDay = (f: AnalyticsFilter): boolean => DAY.test(f.from) && DAY.test(f.to);

function dailyPeriod(g: AnalyticsFilter['granularity']): string {
  if (g === 'day') return 'd.day';
  if (g === 'month') return `substr(d.day, 1, 7) || '-01'`;
  return `nullif(d.week, '')`;
}

function dailyGroup(f: AnalyticsFilter): string {
  return f.group === 'source' ? 'd.source' : f.group === 'location' ? 'd.location' : `'all'`;
}

function dailyWhere(f: AnalyticsFilter): string {
  const parts = ['d.day >= @from', 'd.day < @to'];
  if (f.source) parts.push('d.source = @source');
  if (f.location) parts.push('d.location = @location and d.located = 1');
  return parts.join(' and ');
}

const DAILY_FIGURES = `coalesce(sum(d.volume), 0) as volume, coalesce(sum(d.rated), 0) as rated, case when sum(d.rated) > 0 then total(d.rating_sum) / sum(d.rated) end as avg_rating,
  coalesce(sum(d.negatives), 0) as negatives, coalesce(sum(d.positives), 0) as positives`;

const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10000) / 100 : null);
const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

interface RatingRow {
  period: string;
  grp: string;
  volume: number;
  rated: number;
  avg_rating: number | null;
  negatives: number;
  positives: number;
}

/** Rating, volume, NRR (brand and team) and positive share per period and group. */
export function ratingSeries(db: Db, f: AnalyticsFilter) {
  const p = period('m.published_at', f.granularity);
  const g = groupColumn(f);
  const rows = byDay(f)
    ? (db.$client
        .prepare(
          `select ${dailyPeriod(f.granularity)} as period, ${dailyGroup(f)} as grp, ${DAILY_FIGURES}
           from mention_daily d where ${dailyWhere(f)} group by 1, 2 having sum(d.volume) > 0 order by 1, 2`,
        )
        .all(params(f)) as RatingRow[])
    : (db.$client
        .prepare(
          `select ${p} as period, ${g} as grp, count(*) as volume, count(m.rating) as rated, avg(m.rating) as avg_rating,
                  coalesce(sum(m.rating <= 2), 0) as negatives, coalesce(sum(m.rating >= 4), 0) as positives
           from mentions m where ${mentionWhere(f)} group by 1, 2 order by 1, 2`,
        )
        .all(params(f)) as RatingRow[]);
  const disputed = new Map<string, number>();
  const drows = db.$client
    .prepare(
      `select ${p} as period, ${g} as grp, count(distinct m.id) as n
       from tasks t join mentions m on m.id = t.mention_id
       where t.dispute_status = 'approved' and m.rating <= 2 and ${mentionWhere(f)} group by 1, 2`,
    )
    .all(params(f)) as { period: string; grp: string; n: number }[];
  for (const d of drows) disputed.set(`${d.period}\u0000${d.grp}`, d.n);
  return rows.map((r) => {
    const d = disputed.get(`${r.period}\u0000${r.grp}`) ?? 0;
    return {
      period: r.period,
      group: r.grp,
      volume: r.volume,
      rated: r.rated,
      avg_rating: round2(r.avg_rating),
      negatives: r.negatives,
      positives: r.positives,
      disputed_approved: d,
      nrr_brand: pct(r.negatives, r.rated),
      nrr_team: pct(r.negatives - d, r.rated - d),
      positive_share: pct(r.positives, r.rated),
    };
  });
}

interface ContactRow {
  period: string;
  grp: string;
  tasks: number;
  contacted: number;
  avg_hours: number | null;
  within_sla: number;
  decided: number;
}

/** Time to first contact and the share contacted within SLA, per period of task creation. */
export function contactSeries(db: Db, f: AnalyticsFilter, now: Date) {
  return contactRows(db, f, now).map(contactFigures);
}

function contactRows(db: Db, f: AnalyticsFilter, now: Date): ContactRow[] {
  const p = period('t.created_at', f.granularity);
  const needsMention = Boolean(f.source || f.location || f.group !== 'none');
  const extra = [f.source ? 'm.source = @source' : '', f.location ? 'm.location = @location' : ''].filter(Boolean);
  const rows = db.$client
    .prepare(
      `select ${p} as period, ${groupColumn(f)} as grp, count(*) as tasks, count(t.first_contact_at) as contacted,
              avg((julianday(t.first_contact_at) - julianday(t.created_at)) * 24) as avg_hours,
              coalesce(sum(t.first_contact_at is not null and t.first_contact_at <= t.due_at), 0) as within_sla,
              coalesce(sum(t.first_contact_at is not null or t.due_at <= @now), 0) as decided
       from tasks t ${needsMention ? 'join mentions m on m.id = t.mention_id' : ''}
       where t.created_at >= @from and t.created_at < @to ${extra.map((e) => `and ${e}`).join(' ')}
       group by 1, 2 order by 1, 2`,
    )
    .all({ ...params(f), now: now.toISOString() }) as ContactRow[];
  return rows;
}

const contactFigures = (r: ContactRow) => ({
  period: r.period,
  group: r.grp,
  tasks: r.tasks,
  contacted: r.contacted,
  avg_hours_to_first_contact: round2(r.avg_hours),
  contacted_within_sla: r.within_sla,
  within_sla_share: pct(r.within_sla, r.decided),
});

/** The whole range in one row: the numbers at the top of the analytics page. */
export function summary(db: Db, f: AnalyticsFilter, now: Date) {
  const flat = { ...f, group: 'none' as const };
  const sumOf = <T extends Record<string, unknown>>(rows: T[], key: keyof T) => rows.reduce((n, r) => n + (Number(r[key]) || 0), 0);
  const ratings = (
    byDay(flat)
      ? db.$client.prepare(`select ${DAILY_FIGURES} from mention_daily d where ${dailyWhere(flat)}`).get(params(flat))
      : db.$client
          .prepare(`select count(*) as volume, count(m.rating) as rated, avg(m.rating) as avg_rating, coalesce(sum(m.rating <= 2), 0) as negatives, coalesce(sum(m.rating >= 4), 0) as positives from mentions m where ${mentionWhere(flat)}`)
          .get(params(flat))
  ) as Omit<RatingRow, 'period' | 'grp'>;
  const disputed = (db.$client
    .prepare(`select count(distinct m.id) from tasks t join mentions m on m.id = t.mention_id where t.dispute_status = 'approved' and m.rating <= 2 and ${mentionWhere(flat)}`)
    .pluck()
    .get(params(flat)) as number) ?? 0;
  // Monthly rows, as the contact chart has them; their `decided` adds up to the range's.
  const monthly = contactRows(db, { ...flat, granularity: 'month' }, now);
  const contact = monthly.map(contactFigures);
  const tasks = sumOf(contact, 'tasks');
  const contacted = sumOf(contact, 'contacted');
  const hours = contact.reduce((n, r) => n + (r.avg_hours_to_first_contact ?? 0) * r.contacted, 0);
  const within = sumOf(contact, 'contacted_within_sla');
  const decided = monthly.reduce((n, r) => n + r.decided, 0);
  return {
    from: f.from,
    to: f.to,
    volume: ratings.volume,
    rated: ratings.rated,
    avg_rating: round2(ratings.avg_rating),
    negatives: ratings.negatives,
    positives: ratings.positives,
    disputed_approved: disputed,
    nrr_brand: pct(ratings.negatives, ratings.rated),
    nrr_team: pct(ratings.negatives - disputed, ratings.rated - disputed),
    positive_share: pct(ratings.positives, ratings.rated),
    tasks,
    contacted,
    avg_hours_to_first_contact: contacted > 0 ? round2(hours / contacted) : null,
    contacted_within_sla: within,
    within_sla_share: pct(within, decided),
  };
}

/**
 * The weekly root-cause view: the commonest tags of negatives (flagged
 * mentions that opened a task) per week and source, from the latest analysis.
 * A task is opened after its mention is published, so only tasks created since
 * `from` can belong to the range: the query starts from them (CROSS JOIN fixes
 * that order) instead of from every mention in the range.
 */
export function negativeTags(db: Db, f: AnalyticsFilter, top: number) {
  const rows = byDay(f) ? negativeTagRows(db, f) : negativeTagScan(db, f);
  const kept: { week: string; source: string; tag: string; negatives: number; rank: number }[] = [];
  let key = '';
  let rank = 0;
  for (const r of rows) {
    const k = `${r.week}\u0000${r.source}`;
    rank = k === key ? rank + 1 : 1;
    key = k;
    if (rank <= top) kept.push({ week: r.week, source: r.source, tag: r.tag, negatives: r.n, rank });
  }
  return kept;
}

type TagRow = { week: string; source: string; tag: string; n: number };

/**
 * From the rollups of migration 0006: a mention of the range counts when its
 * latest task was created since `from`, that is when the earlier of its
 * publication day and that task's day (eff_day) is not before `from`.
 * negative_tag_state has one row per mention, with its location, for the
 * location filter; negative_tag_daily counts them per day, source and tag.
 */
function negativeTagRows(db: Db, f: AnalyticsFilter): TagRow[] {
  // SQLite's planner needs the hint to take the location index; PostgreSQL has no such syntax.
  const hint = isPostgresClient(db.$client) ? '' : 'indexed by negative_tag_state_location';
  const sql = f.location
    ? `select nullif(s.week, '') as week, s.source as source, j.value as tag, count(*) as n
       from negative_tag_state s ${hint} join json_each(s.tags) j on true
       where s.location = @location and s.day >= @from and s.day < @to and s.eff_day >= @from ${f.source ? 'and s.source = @source' : ''}
       group by 1, 2, 3 order by 1, 2, 4 desc, 3`
    : `select nullif(d.week, '') as week, d.source as source, d.tag as tag, sum(d.negatives) as n
       from negative_tag_daily d
       where d.day >= @from and d.day < @to and d.eff_day >= @from ${f.source ? 'and d.source = @source' : ''}
       group by 1, 2, 3 having sum(d.negatives) > 0 order by 1, 2, 4 desc, 3`;
  return db.$client.prepare(sql).all(params(f)) as TagRow[];
}

function negativeTagScan(db: Db, f: AnalyticsFilter): TagRow[] {
  // CROSS JOIN fixes SQLite's join order (tasks first); PostgreSQL plans it alone and wants a plain JOIN with ON.
  const join = isPostgresClient(db.$client) ? 'join' : 'cross join';
  return db.$client
    .prepare(
      `select ${period('m.published_at', 'week')} as week, m.source as source, j.value as tag, count(*) as n
       from (select distinct t.mention_id as id from tasks t where t.created_at >= @from) n
       ${join} mentions m on m.id = n.id
       join analyses a on a.id = (select max(a2.id) from analyses a2 where a2.mention_id = m.id)
       join json_each(a.tags) j on true
       where ${mentionWhere(f)}
       group by 1, 2, 3 order by 1, 2, 4 desc, 3`,
    )
    .all(params(f)) as TagRow[];
}
