import { asc } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { targets } from '../store/schema.ts';
import { TASK_STATUSES, type TaskStatus } from '../act/task-status.ts';
import { inboxPage } from '../serve/inbox-query.ts';
import { UsageError } from './common.ts';
import { listScrapers } from '../../scrapers/index.ts';

export function scraperRows() {
  return listScrapers().map((s) => ({ id: s.id, kind: s.kind, engine: s.engine, description: s.description }));
}

export function targetRows(db: Db) {
  return db
    .select({ id: targets.id, source: targets.source, name: targets.name, url: targets.url, health: targets.health, last_ok_at: targets.lastOkAt, last_crawl_at: targets.lastCrawlAt, last_error: targets.lastError })
    .from(targets)
    .orderBy(asc(targets.id))
    .all();
}

/**
 * The task inbox in SLA order: what `repwatch tasks --json` prints. The same
 * query as the dashboard's inbox, so the CLI and the API never disagree on a field.
 */
export function taskRows(db: Db, statuses: string[] = []) {
  const unknown = statuses.filter((s) => !TASK_STATUSES.includes(s as TaskStatus));
  if (unknown.length > 0) throw new UsageError(`unknown status ${unknown.join(', ')}; one of: ${TASK_STATUSES.join(', ')}`);
  const wanted = statuses.length > 0 ? (statuses as TaskStatus[]) : [...TASK_STATUSES];
  return inboxPage(db, { statuses: wanted, limit: Number.MAX_SAFE_INTEGER, offset: 0 }, new Date()).items;
}
