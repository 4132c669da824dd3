import { and, count, eq, ne } from 'drizzle-orm';
import type { Analysis } from '../analyze/types.ts';
import type { TeamConfig } from '../config/schema.ts';
import type { Mention } from '../crawl/mention.ts';
import type { RuleMatch } from '../rules/evaluate.ts';
import type { Priority } from '../rules/schema.ts';
import type { Db } from '../store/db.ts';
import { mentions, taskEvents, tasks } from '../store/schema.ts';
import { pickAssignee } from './assign.ts';
import { churnRisk } from './churn.ts';
import { matchCustomer, type CustomerMatch } from './customers.ts';
import { draftReply, type ReplyTemplate } from './templates.ts';

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;

export interface FollowUp {
  team: TeamConfig;
  templates: readonly ReplyTemplate[];
}

export const defaultFollowUp: FollowUp = {
  team: { members: [], assign: 'round_robin', known_customer_one_star_sla_hours: 4, vip_lifetime_value: 1000 },
  templates: [],
};

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

function bump(priority: Priority): Priority {
  return PRIORITIES[Math.min(PRIORITIES.length - 1, PRIORITIES.indexOf(priority) + 1)] ?? priority;
}

export interface OpenedTask {
  id: number;
  priority: Priority;
  customer: CustomerMatch | null;
}

/** Earlier tasks about the same customer (or, unmatched, the same author on the same source). */
function previousNegatives(tx: Tx, mention: Mention, mentionId: number, customer: CustomerMatch | null): number {
  if (customer) return tx.select({ n: count() }).from(tasks).where(eq(tasks.customerId, customer.id)).get()?.n ?? 0;
  if (!mention.author) return 0;
  return (
    tx
      .select({ n: count() })
      .from(tasks)
      .innerJoin(mentions, eq(mentions.id, tasks.mentionId))
      .where(and(eq(mentions.source, mention.source), eq(mentions.author, mention.author), ne(mentions.id, mentionId)))
      .get()?.n ?? 0
  );
}

/**
 * The task for one flag: who the author is, how urgent it is for them, who
 * works it, and a reply draft in the item's language.
 */
export function openTask(tx: Tx, followUp: FollowUp, ctx: { mentionId: number; flagId: number; mention: Mention; analysis: Analysis; now: Date }, match: RuleMatch): OpenedTask {
  const { mention, analysis, now } = ctx;
  const actions = match.rule.then;
  const slaRule = actions.task?.sla_hours ?? 24;
  const customer = matchCustomer(tx, { source: mention.source, name: mention.author, location: mention.location ?? null });
  const vip = customer?.lifetimeValue != null && customer.lifetimeValue >= followUp.team.vip_lifetime_value;
  const priority = vip ? bump(actions.priority) : actions.priority;
  const slaHours = customer && mention.rating !== null && mention.rating <= 1 ? Math.min(slaRule, followUp.team.known_customer_one_star_sla_hours) : slaRule;
  const risk = churnRisk({
    rating: mention.rating,
    sentimentScore: analysis.score,
    lifetimeValue: customer?.lifetimeValue ?? null,
    vipLifetimeValue: followUp.team.vip_lifetime_value,
    previousNegatives: previousNegatives(tx, mention, ctx.mentionId, customer),
  });
  const nowIso = now.toISOString();
  const id = tx
    .insert(tasks)
    .values({
      flagId: ctx.flagId,
      mentionId: ctx.mentionId,
      ruleId: match.rule.id,
      priority,
      dueAt: new Date(now.getTime() + slaHours * 3_600_000).toISOString(),
      assignee: pickAssignee(tx, followUp.team, { location: mention.location ?? null, source: mention.source }),
      customerId: customer?.id ?? null,
      customerConfidence: customer?.confidence ?? null,
      churnRisk: risk,
      replyDraft: draftReply(followUp.templates, [...analysis.tags, ...actions.tags], analysis.lang, { author: mention.author, rating: mention.rating, source: mention.source }),
      createdAt: nowIso,
      updatedAt: nowIso,
    })
    .returning({ id: tasks.id })
    .get().id;
  const why = [...match.reasons, ...(customer ? [`customer ${customer.name} (${customer.how}, ${customer.confidence})`] : [])].join('; ');
  tx.insert(taskEvents).values({ taskId: id, at: nowIso, kind: 'opened', toStatus: 'open', note: why, actor: `rule:${match.rule.id}` }).run();
  return { id, priority, customer };
}
