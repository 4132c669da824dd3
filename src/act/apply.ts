import { and, eq, isNull } from 'drizzle-orm';
import type { Mention } from '../crawl/mention.ts';
import type { Analysis } from '../analyze/types.ts';
import { ALL_CHANNELS } from '../rules/load.ts';
import type { RuleMatch } from '../rules/evaluate.ts';
import type { Db } from '../store/db.ts';
import { flags, mentions, mentionTags, outbox } from '../store/schema.ts';
import { digestWindowEnd } from './digest.ts';
import { openTask, type FollowUp } from './open-task.ts';
import type { MentionFlaggedPayload } from './payloads.ts';

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
  const nowIso = ctx.now.toISOString();
  for (const match of matches) {
    const { rule } = match;
    const actions = rule.then;
    for (const tag of actions.tags) {
      tx.insert(mentionTags).values({ mentionId: ctx.mentionId, tag, origin: `rule:${rule.id}` }).onConflictDoNothing().run();
    }
    if (actions.marketing) {
      const changed = tx
        .update(mentions)
        .set({ marketing: 'candidate' })
        .where(and(eq(mentions.id, ctx.mentionId), isNull(mentions.marketing)))
        .run().changes;
      outcome.marketing ||= changed > 0;
    }
    if (!actions.flag) continue;
    const flag = tx
      .insert(flags)
      .values({
        mentionId: ctx.mentionId,
        ruleId: rule.id,
        revisionId: ctx.revisionId,
        priority: actions.priority,
        reason: match.reasons.join('; '),
        tags: actions.tags,
      })
      .onConflictDoNothing()
      .returning({ id: flags.id })
      .get();
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
    const payload = { ...alertPayload(ctx, match, taskId, customer), priority };
    for (const name of new Set(wanted)) {
      const route = ctx.channels.find((c) => c.name === name);
      const every = route && route.digest !== 'off' && !route.instant.includes(priority) ? route.digest : null;
      tx.insert(outbox)
        .values({
          idempotencyKey: `alert:${ctx.mentionId}:${rule.id}:${name}`,
          channel: name,
          kind: 'mention_flagged',
          mentionId: ctx.mentionId,
          ruleId: rule.id,
          payload: payload as unknown as Record<string, unknown>,
          digest: every !== null,
          nextAttemptAt: every ? digestWindowEnd(every, ctx.now).toISOString() : nowIso,
          createdAt: nowIso,
        })
        .onConflictDoNothing()
        .run();
      outcome.alertsQueued++;
    }
  }
  return outcome;
}
