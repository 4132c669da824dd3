import type { Analysis } from '../analyze/types.ts';
import type { TeamConfig } from '../config/schema.ts';
import type { Mention } from '../crawl/mention.ts';
import type { RuleMatch } from '../rules/evaluate.ts';
import type { Priority } from '../rules/schema.ts';
import type { Db } from '../store/db.ts';
import { pickAssignee } from './assign.ts';
import { churnRisk } from './churn.ts';
import { matchCustomer, type CustomerMatch } from './customers.ts';
import { actStatements, type ActStatements } from './statements.ts';
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

/**
 * Earlier tasks about the same customer (or, unmatched, the same author on the
 * same source), counted only up to 2: churnRisk saturates there.
 */
function previousNegatives(s: ActStatements, mention: Mention, mentionId: number, customer: CustomerMatch | null): number {
  if (customer) return s.negativesByCustomer.get(customer.id)?.n ?? 0;
  if (!mention.author) return 0;
  return s.negativesByAuthor.get(mention.source, mention.author, mentionId)?.n ?? 0;
}

/**
 * The task for one flag: who the author is, how urgent it is for them, who
 * works it, and a reply draft in the item's language.
 */
export function openTask(tx: Tx, followUp: FollowUp, ctx: { mentionId: number; flagId: number; mention: Mention; analysis: Analysis; now: Date }, match: RuleMatch): OpenedTask {
  const s = actStatements(tx);
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
    previousNegatives: previousNegatives(s, mention, ctx.mentionId, customer),
  });
  const nowIso = now.toISOString();
  const dueAt = new Date(now.getTime() + slaHours * 3_600_000).toISOString();
  const assignee = pickAssignee(tx, followUp.team, { location: mention.location ?? null, source: mention.source });
  const draft = draftReply(followUp.templates, [...analysis.tags, ...actions.tags], analysis.lang, { author: mention.author, rating: mention.rating, source: mention.source });
  const row = s.task.get(ctx.flagId, ctx.mentionId, match.rule.id, priority, dueAt, assignee, customer?.id ?? null, customer?.confidence ?? null, risk, draft, nowIso, nowIso);
  // RETURNING always yields the row of a plain insert; a missing one means the insert failed silently.
  if (!row) throw new Error(`task for flag ${ctx.flagId} was not inserted`);
  const why = [...match.reasons, ...(customer ? [`customer ${customer.name} (${customer.how}, ${customer.confidence})`] : [])].join('; ');
  s.taskEvent.run(row.id, nowIso, 'opened', null, 'open', why, `rule:${match.rule.id}`);
  return { id: row.id, priority, customer };
}
