import type { Mention } from '../crawl/mention.ts';
import type { Analysis } from '../analyze/types.ts';
import { ALL_CHANNELS } from '../rules/load.ts';
import type { RuleMatch } from '../rules/evaluate.ts';
import type { Db } from '../store/db.ts';
import { digestWindowEnd } from './digest.ts';
import { openTask, type FollowUp } from './open-task.ts';
import type { MentionFlaggedPayload } from './payloads.ts';
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
