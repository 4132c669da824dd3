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

type TaskCtx = { mentionId: number; mention: Mention; analysis: Analysis; now: Date };

/**
 * The values of a task that are pure JS once the customer is known: both
 * engines' paths (openTask here, the merged statement of apply.ts on
 * PostgreSQL) take them from here, so they cannot drift apart.
 */
function taskTerms(followUp: FollowUp, ctx: TaskCtx, match: RuleMatch, customer: CustomerMatch | null) {
  const { mention, analysis, now } = ctx;
  const actions = match.rule.then;
  const slaRule = actions.task?.sla_hours ?? 24;
  const vip = customer?.lifetimeValue != null && customer.lifetimeValue >= followUp.team.vip_lifetime_value;
  const priority = vip ? bump(actions.priority) : actions.priority;
  const slaHours = customer && mention.rating !== null && mention.rating <= 1 ? Math.min(slaRule, followUp.team.known_customer_one_star_sla_hours) : slaRule;
  const riskFor = (previousNegatives: number) =>
    churnRisk({ rating: mention.rating, sentimentScore: analysis.score, lifetimeValue: customer?.lifetimeValue ?? null, vipLifetimeValue: followUp.team.vip_lifetime_value, previousNegatives });
  return {
    priority,
    riskFor,
    nowIso: now.toISOString(),
    dueAt: new Date(now.getTime() + slaHours * 3_600_000).toISOString(),
    draft: () => draftReply(followUp.templates, [...analysis.tags, ...actions.tags], analysis.lang, { author: mention.author, rating: mention.rating, source: mention.source }),
    why: [...match.reasons, ...(customer ? [`customer ${customer.name} (${customer.how}, ${customer.confidence})`] : [])].join('; '),
  };
}

/**
 * The task for one flag: who the author is, how urgent it is for them, who
 * works it, and a reply draft in the item's language.
 */
export function openTask(tx: Tx, followUp: FollowUp, ctx: TaskCtx & { flagId: number }, match: RuleMatch): OpenedTask {
  const s = actStatements(tx);
  const { mention } = ctx;
  const customer = matchCustomer(tx, { source: mention.source, name: mention.author, location: mention.location ?? null });
  const t = taskTerms(followUp, ctx, match, customer);
  const risk = t.riskFor(previousNegatives(s, mention, ctx.mentionId, customer));
  const assignee = pickAssignee(tx, followUp.team, { location: mention.location ?? null, source: mention.source });
  const row = s.task.get(ctx.flagId, ctx.mentionId, match.rule.id, t.priority, t.dueAt, assignee, customer?.id ?? null, customer?.confidence ?? null, risk, t.draft(), t.nowIso, t.nowIso);
  // RETURNING always yields the row of a plain insert; a missing one means the insert failed silently.
  if (!row) throw new Error(`task for flag ${ctx.flagId} was not inserted`);
  s.taskEvent.run(row.id, t.nowIso, 'opened', null, 'open', t.why, `rule:${match.rule.id}`);
  return { id: row.id, priority: t.priority, customer };
}

/**
 * A task planned before its flag exists, for PostgreSQL's one statement of
 * flag + task + event + outbox (apply.ts). Everything but the count of earlier
 * negatives is known here, with the same reads openTask makes (customer,
 * last assignee: neither depends on the flag); that count is read inside the
 * statement, so the risk goes in for each count it can be (0, 1, 2: it
 * saturates there) and the statement picks one, with no round trip between.
 */
export interface PlannedTask {
  priority: Priority;
  customer: CustomerMatch | null;
  dueAt: string;
  assignee: string | null;
  draft: string | null;
  why: string;
  risks: [number, number, number];
  /** Whose earlier tasks count: the customer's, the author's on this source, or nobody's (no author). */
  negativesOf: 'customer' | 'author' | 'none';
}

export function planTask(tx: Tx, followUp: FollowUp, ctx: TaskCtx, match: RuleMatch): PlannedTask {
  const { mention } = ctx;
  const customer = matchCustomer(tx, { source: mention.source, name: mention.author, location: mention.location ?? null });
  const t = taskTerms(followUp, ctx, match, customer);
  const assignee = pickAssignee(tx, followUp.team, { location: mention.location ?? null, source: mention.source });
  return {
    priority: t.priority,
    customer,
    dueAt: t.dueAt,
    assignee,
    draft: t.draft(),
    why: t.why,
    risks: [t.riskFor(0), t.riskFor(1), t.riskFor(2)],
    negativesOf: customer ? 'customer' : mention.author ? 'author' : 'none',
  };
}
