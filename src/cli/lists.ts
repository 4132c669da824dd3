import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { analyses, customers, flags, mentions, targets, tasks } from '../store/schema.ts';
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

/** The task inbox in SLA order: what `repwatch tasks --json` prints. */
export function taskRows(db: Db, statuses?: string[]) {
  const rows = db
    .select({ task: tasks, mention: mentions, flag: flags, customer: customers })
    .from(tasks)
    .innerJoin(mentions, eq(mentions.id, tasks.mentionId))
    .innerJoin(flags, eq(flags.id, tasks.flagId))
    .leftJoin(customers, eq(customers.id, tasks.customerId))
    .where(statuses && statuses.length > 0 ? inArray(tasks.status, statuses as (typeof tasks.status.enumValues)[number][]) : undefined)
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .all();
  const latest = new Map<number, { label: string; score: number | null }>();
  if (rows.length > 0) {
    for (const a of db.select({ mentionId: analyses.mentionId, label: analyses.label, score: analyses.score }).from(analyses).where(inArray(analyses.mentionId, rows.map((r) => r.mention.id))).orderBy(desc(analyses.id)).all()) {
      if (!latest.has(a.mentionId)) latest.set(a.mentionId, { label: a.label, score: a.score });
    }
  }
  return rows.map(({ task, mention, flag, customer }) => ({
    id: task.id,
    status: task.status,
    priority: task.priority,
    due_at: task.dueAt,
    created_at: task.createdAt,
    rule: task.ruleId,
    reason: flag.reason,
    assignee: task.assignee,
    mention: {
      id: mention.id,
      source: mention.source,
      target: mention.targetId,
      url: mention.url,
      author: mention.author,
      rating: mention.rating,
      title: mention.title,
      text: mention.text,
      published_at: mention.publishedAt,
      sentiment: latest.get(mention.id) ?? null,
    },
    customer: customer
      ? { id: customer.id, crm_id: customer.crmId, name: customer.name, email: customer.email, phone: customer.phone, location: customer.location, lifetime_value: customer.lifetimeValue, confidence: task.customerConfidence }
      : null,
    churn_risk: task.churnRisk,
    reply_draft: task.replyDraft,
    dispute: task.disputeStatus ? { status: task.disputeStatus, reason: task.disputeReason } : null,
    ticket: task.ticketId ? { id: task.ticketId, url: task.ticketUrl } : null,
    suggestion: task.suggestion,
    first_contact_at: task.firstContactAt,
    resolved_at: task.resolvedAt,
  }));
}
