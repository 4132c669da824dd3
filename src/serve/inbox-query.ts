import { and, asc, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { TASK_STATUSES, type TaskStatus } from '../act/task-status.ts';
import type { Db } from '../store/db.ts';
import { analyses, customers, flags, mentions, taskEvents, tasks } from '../store/schema.ts';
import { safeHttpUrl } from './safe-url.ts';

export interface InboxFilter {
  statuses: TaskStatus[];
  source?: string;
  location?: string;
  assignee?: string;
  taskId?: number;
  limit: number;
  offset: number;
}

/** Work still to do: what the inbox shows when no status is picked. */
export const OPEN_STATUSES: TaskStatus[] = ['open', 'in_progress', 'disputed'];

function where(f: InboxFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.taskId !== undefined) parts.push(eq(tasks.id, f.taskId));
  if (f.statuses.length < TASK_STATUSES.length) parts.push(inArray(tasks.status, f.statuses));
  if (f.source) parts.push(eq(mentions.source, f.source));
  if (f.location) parts.push(eq(mentions.location, f.location));
  if (f.assignee === '-') parts.push(isNull(tasks.assignee));
  else if (f.assignee) parts.push(eq(tasks.assignee, f.assignee));
  return parts.length > 0 ? and(...parts) : undefined;
}

function latestAnalyses(db: Db, mentionIds: number[]) {
  const latest = new Map<number, { label: string; score: number | null; reasons: string[]; tags: string[] }>();
  if (mentionIds.length === 0) return latest;
  const rows = db
    .select({ mentionId: analyses.mentionId, label: analyses.label, score: analyses.score, reasons: analyses.reasons, tags: analyses.tags })
    .from(analyses)
    .where(inArray(analyses.mentionId, mentionIds))
    .orderBy(desc(analyses.id))
    .all();
  for (const a of rows) if (!latest.has(a.mentionId)) latest.set(a.mentionId, { label: a.label, score: a.score, reasons: a.reasons, tags: a.tags });
  return latest;
}

/** One page of the inbox, soonest due first, with everything an agent needs to act on each task. */
export function inboxPage(db: Db, f: InboxFilter, now: Date) {
  const cond = where(f);
  // Join mentions for the count only when a filter needs them: counting 300k tasks alone is several times faster.
  const counted = f.source || f.location ? db.select({ n: count() }).from(tasks).innerJoin(mentions, eq(mentions.id, tasks.mentionId)) : db.select({ n: count() }).from(tasks);
  const total = counted.where(cond).get()?.n ?? 0;
  const rows = db
    .select({ task: tasks, mention: mentions, flag: flags, customer: customers })
    .from(tasks)
    .innerJoin(mentions, eq(mentions.id, tasks.mentionId))
    .innerJoin(flags, eq(flags.id, tasks.flagId))
    .leftJoin(customers, eq(customers.id, tasks.customerId))
    .where(cond)
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(f.limit)
    .offset(f.offset)
    .all();
  const latest = latestAnalyses(db, rows.map((r) => r.mention.id));
  const at = now.toISOString();
  const items = rows.map(({ task, mention, flag, customer }) => ({
    id: task.id,
    status: task.status,
    priority: task.priority,
    due_at: task.dueAt,
    overdue: task.dueAt < at && !task.firstContactAt,
    created_at: task.createdAt,
    rule: task.ruleId,
    reason: flag.reason,
    assignee: task.assignee,
    mention: {
      id: mention.id,
      source: mention.source,
      target: mention.targetId,
      url: safeHttpUrl(mention.url),
      author: mention.author,
      rating: mention.rating,
      title: mention.title,
      text: mention.text,
      location: mention.location,
      published_at: mention.publishedAt,
      removed: mention.removed,
      sentiment: latest.get(mention.id) ?? null,
    },
    customer: customer ? { id: customer.id, crm_id: customer.crmId, name: customer.name, email: customer.email, phone: customer.phone, location: customer.location, lifetime_value: customer.lifetimeValue, confidence: task.customerConfidence } : null,
    churn_risk: task.churnRisk,
    reply_draft: task.replyDraft,
    dispute: task.disputeStatus ? { status: task.disputeStatus, reason: task.disputeReason } : null,
    ticket: task.ticketId ? { id: task.ticketId, url: safeHttpUrl(task.ticketUrl) } : null,
    suggestion: task.suggestion,
    first_contact_at: task.firstContactAt,
    resolved_at: task.resolvedAt,
  }));
  return { total, limit: f.limit, offset: f.offset, items };
}

export type InboxItem = ReturnType<typeof inboxPage>['items'][number];

export function taskDetail(db: Db, id: number, now: Date) {
  // The list query with an id filter, so the detail and the list can never disagree on a field.
  const row = inboxPage(db, { statuses: [...TASK_STATUSES], taskId: id, limit: 1, offset: 0 }, now).items[0];
  if (!row) return null;
  const events = db.select().from(taskEvents).where(eq(taskEvents.taskId, id)).orderBy(asc(taskEvents.id)).all();
  return { ...row, events: events.map((e) => ({ at: e.at, kind: e.kind, from: e.fromStatus, to: e.toStatus, note: e.note, actor: e.actor })) };
}

/**
 * Distinct values of an indexed column by jumping from one to the next (a
 * loose index scan): cheap with a million rows and a handful of values.
 */
export function distinctValues(db: Db, table: 'mentions' | 'tasks', column: 'source' | 'location' | 'assignee'): string[] {
  const sql = `with recursive v(x) as (select min(${column}) from ${table} union all select (select min(${column}) from ${table} where ${column} > v.x) from v where v.x is not null) select x from v where x is not null`;
  return db.$client.prepare(sql).pluck().all() as string[];
}
