import type { Mention } from '../crawl/mention.ts';
import type { Analysis } from '../analyze/types.ts';
import { ALL_CHANNELS } from '../rules/load.ts';
import type { RuleMatch } from '../rules/evaluate.ts';
import type { Db } from '../store/db.ts';
import { digestWindowEnd } from './digest.ts';
import { openTask, planTask, type FollowUp, type PlannedTask } from './open-task.ts';
import type { MentionFlaggedPayload } from './payloads.ts';
import type { MatchParams, PgActStatements } from './pg-statements.ts';
import { actStatements } from './statements.ts';

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;

/** How a channel takes alerts: at once, or gathered into an hourly or daily digest. */
export interface AlertRoute {
  name: string;
  digest: 'off' | 'hourly' | 'daily';
  instant: readonly string[];
}

export interface ActContext {
  mentionId: number;
  revisionId: number;
  mention: Mention;
  analysis: Analysis;
  /** Every configured channel, for `alert: ["*"]` and digests. */
  channels: readonly AlertRoute[];
  followUp: FollowUp;
  now: Date;
}

export interface ActOutcome {
  flagged: number;
  tasksOpened: number;
  alertsQueued: number;
  marketing: boolean;
}

export function alertPayload(ctx: ActContext, match: RuleMatch, taskId: number | null, customer: MentionFlaggedPayload['customer'] = null): MentionFlaggedPayload {
  const m = ctx.mention;
  return {
    rule: match.rule.id,
    priority: match.rule.then.priority,
    reasons: match.reasons,
    task_id: taskId,
    mention: {
      id: ctx.mentionId,
      source: m.source,
      target: m.targetId,
      url: m.url,
      author: m.author,
      rating: m.rating,
      title: m.title,
      text: m.text,
      published_at: m.publishedAt,
    },
    sentiment: { label: ctx.analysis.label, score: ctx.analysis.score, lang: ctx.analysis.lang },
    customer,
  };
}

/**
 * Writes the flag, tags, task and outbox rows of each match. Runs inside the
 * caller's transaction, and the unique (mention, rule) flag makes a second
 * run a no-op: each mention is flagged, tasked and alerted once per rule.
 */
export function applyMatches(tx: Tx, ctx: ActContext, matches: readonly RuleMatch[]): ActOutcome {
  const outcome: ActOutcome = { flagged: 0, tasksOpened: 0, alertsQueued: 0, marketing: false };
  if (matches.length === 0) return outcome;
  const s = actStatements(tx);
  if (s.pg) return applyMatchesPg(tx, s.pg, ctx, matches);
  const nowIso = ctx.now.toISOString();
  for (const match of matches) {
    const { rule } = match;
    const actions = rule.then;
    for (const tag of actions.tags) s.tag.run(ctx.mentionId, tag, `rule:${rule.id}`);
    if (actions.marketing) outcome.marketing ||= s.marketing.run(ctx.mentionId).changes > 0;
    if (!actions.flag) continue;
    const flag = s.flag.get(ctx.mentionId, rule.id, ctx.revisionId, actions.priority, match.reasons.join('; '), JSON.stringify(actions.tags));
    if (!flag) continue;
    outcome.flagged++;

    let taskId: number | null = null;
    let customer: MentionFlaggedPayload['customer'] = null;
    let priority: string = actions.priority;
    if (actions.task) {
      const task = openTask(tx, ctx.followUp, { ...ctx, flagId: flag.id }, match);
      taskId = task.id;
      priority = task.priority;
      customer = task.customer ? { id: task.customer.id, name: task.customer.name, confidence: task.customer.confidence } : null;
      outcome.tasksOpened++;
    }

    const wanted = actions.alert.includes(ALL_CHANNELS) ? ctx.channels.map((c) => c.name) : actions.alert;
    if (wanted.length === 0) continue;
    const payload = JSON.stringify({ ...alertPayload(ctx, match, taskId, customer), priority });
    for (const name of new Set(wanted)) {
      const route = ctx.channels.find((c) => c.name === name);
      const every = route && route.digest !== 'off' && !route.instant.includes(priority) ? route.digest : null;
      const next = every ? digestWindowEnd(every, ctx.now).toISOString() : nowIso;
      s.outbox.run(`alert:${ctx.mentionId}:${rule.id}:${name}`, name, 'mention_flagged', ctx.mentionId, rule.id, payload, every !== null ? 1 : 0, next, nowIso);
      outcome.alertsQueued++;
    }
  }
  return outcome;
}

/** The outbox rows of one match: one per channel, at once or at the end of its digest window. */
function alertRows(ctx: ActContext, match: RuleMatch, priority: string): { keys: string[]; channels: string[]; digests: number[]; nexts: string[] } {
  const actions = match.rule.then;
  const wanted = actions.alert.includes(ALL_CHANNELS) ? ctx.channels.map((c) => c.name) : actions.alert;
  const rows = { keys: [] as string[], channels: [] as string[], digests: [] as number[], nexts: [] as string[] };
  for (const name of new Set(wanted)) {
    const route = ctx.channels.find((c) => c.name === name);
    const every = route && route.digest !== 'off' && !route.instant.includes(priority) ? route.digest : null;
    rows.keys.push(`alert:${ctx.mentionId}:${match.rule.id}:${name}`);
    rows.channels.push(name);
    rows.digests.push(every !== null ? 1 : 0);
    rows.nexts.push(every ? digestWindowEnd(every, ctx.now).toISOString() : ctx.now.toISOString());
  }
  return rows;
}

const TASK_ID_KEY = '"task_id":';

/**
 * The payload text around its task id, so the statement writes exactly what
 * JSON.stringify would with the id in place. The first `"task_id":null` is the
 * key's: the keys before it hold only strings, where every quote is escaped.
 */
function splitAtTaskId(payload: string): { payload_head: string; payload_tail: string } {
  const at = payload.indexOf(`${TASK_ID_KEY}null`);
  if (at < 0) throw new Error('alert payload without a task_id key');
  return { payload_head: payload.slice(0, at + TASK_ID_KEY.length), payload_tail: payload.slice(at + TASK_ID_KEY.length + 'null'.length) };
}

/**
 * applyMatches on PostgreSQL: the same rows, one statement per match
 * (pg-statements.ts) instead of up to seven round trips. What the task needs
 * from JS (customer, assignee, due date, draft) is worked out first by
 * planTask with the same reads openTask makes; none of them depends on the
 * flag, so doing them before it changes nothing but that they also run when
 * the flag already exists (an edit re-flagged), where they are thrown away.
 */
function applyMatchesPg(tx: Tx, pg: PgActStatements, ctx: ActContext, matches: readonly RuleMatch[]): ActOutcome {
  const outcome: ActOutcome = { flagged: 0, tasksOpened: 0, alertsQueued: 0, marketing: false };
  const nowIso = ctx.now.toISOString();
  for (const match of matches) {
    const { rule } = match;
    const actions = rule.then;
    // Duplicates in a rule's tag list: SQLite's second insert was a no-op; one statement gets each tag once.
    const tags = [...new Set(actions.tags)];
    if (!actions.flag && !actions.marketing && tags.length === 0) continue;
    const plan: PlannedTask | null = actions.flag && actions.task ? planTask(tx, ctx.followUp, ctx, match) : null;
    const priority: string = plan?.priority ?? actions.priority;
    const alerts = actions.flag ? alertRows(ctx, match, priority) : null;
    const alert = alerts !== null && alerts.keys.length > 0;
    const params: MatchParams = { mention_id: ctx.mentionId, tags, origin: `rule:${rule.id}` };
    if (actions.flag) {
      Object.assign(params, { rule_id: rule.id, revision_id: ctx.revisionId, flag_priority: actions.priority, reason: match.reasons.join('; '), flag_tags: JSON.stringify(actions.tags), now: nowIso });
    }
    if (plan) {
      const c = plan.customer;
      Object.assign(params, {
        priority: plan.priority, due_at: plan.dueAt, assignee: plan.assignee, customer_id: c?.id ?? null, customer_confidence: c?.confidence ?? null,
        risk0: plan.risks[0], risk1: plan.risks[1], risk2: plan.risks[2], draft: plan.draft, why: plan.why, actor: `rule:${rule.id}`,
        source: ctx.mention.source, author: ctx.mention.author,
      });
    }
    if (alert) {
      const customer = plan?.customer ? { id: plan.customer.id, name: plan.customer.name, confidence: plan.customer.confidence } : null;
      const payload = JSON.stringify({ ...alertPayload(ctx, match, null, customer), priority });
      if (plan) Object.assign(params, splitAtTaskId(payload));
      else params.payload = payload;
      Object.assign(params, alerts);
    }
    const row = pg.match({ tags: tags.length > 0, marketing: actions.marketing, flag: actions.flag, task: plan?.negativesOf ?? null, alert }).get(params);
    if (actions.marketing) outcome.marketing ||= (row?.marketing ?? 0) > 0;
    if (!actions.flag || row?.flag_id == null) continue;
    outcome.flagged++;
    // RETURNING always yields the row of a plain insert; a missing one means the insert failed silently.
    if (plan && row.task_id == null) throw new Error(`task for flag ${row.flag_id} was not inserted`);
    if (plan) outcome.tasksOpened++;
    if (alerts) outcome.alertsQueued += alerts.keys.length;
  }
  return outcome;
}
