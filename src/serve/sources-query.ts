import type { Db } from '../store/db.ts';
import { safeHttpUrl } from './safe-url.ts';

/** One row per target, from targets and its crawl_runs (never a scan of mentions). */
export function sourceHealth(db: Db) {
  const rows = db.$client
    .prepare(
      `select t.id, t.source, t.name, t.url, t.health, t.last_crawl_at, t.last_ok_at, t.last_error,
              (select count(*) from crawl_runs r where r.target_id = t.id) as runs,
              (select count(*) from crawl_runs r where r.target_id = t.id and r.status in ('error', 'blocked', 'layout_changed')) as failed_runs,
              (select coalesce(sum(items_new), 0) from crawl_runs r where r.target_id = t.id) as items_found,
              l.status as last_status, l.items_seen as last_items_seen, l.items_new as last_items_new, l.error as last_run_error, l.started_at as last_run_at
       from targets t
       left join crawl_runs l on l.id = (select r.id from crawl_runs r where r.target_id = t.id order by r.started_at desc, r.id desc limit 1)
       order by t.id`,
    )
    .all() as Record<string, string | number | null>[];
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    name: r.name,
    url: safeHttpUrl(typeof r.url === 'string' ? r.url : null),
    health: r.health,
    last_crawl_at: r.last_crawl_at ?? r.last_run_at,
    last_ok_at: r.last_ok_at,
    last_status: r.last_status,
    last_items_seen: r.last_items_seen,
    last_items_new: r.last_items_new,
    items_found: r.items_found,
    runs: r.runs,
    failed_runs: r.failed_runs,
    last_error: r.last_error ?? r.last_run_error,
  }));
}
