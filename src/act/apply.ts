import { and, eq, isNull } from 'drizzle-orm';
import type { Mention } from '../crawl/mention.ts';
import type { Analysis } from '../analyze/types.ts';
import { ALL_CHANNELS } from '../rules/load.ts';
import type { RuleMatch } from '../rules/evaluate.ts';
import type { Db } from '../store/db.ts';
import { flags, mentions, mentionTags, outbox, taskEvents, tasks } from '../store/schema.ts';

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;

export interface ActContext {
  mentionId: number;
  revisionId: number;
  mention: Mention;
  analysis: Analysis;
  /** Configured channel names, for `alert: ["*"]`. */
  channels: readonly string[];
  now: Date;
}

export interface ActOutcome {
  flagged: number;
  tasksOpened: number;
  alertsQueued: number;
  marketing: boolean;
}

export function alertPayload(ctx: ActContext, match: RuleMatch, taskId: number | null): Record<string, unknown> {
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
    if (actions.task) {
      const dueAt = new Date(ctx.now.getTime() + actions.task.sla_hours * 3_600_000).toISOString();
      taskId = tx
        .insert(tasks)
        .values({ flagId: flag.id, mentionId: ctx.mentionId, ruleId: rule.id, priority: actions.priority, dueAt, createdAt: nowIso, updatedAt: nowIso })
        .returning({ id: tasks.id })
        .get().id;
      tx.insert(taskEvents).values({ taskId, at: nowIso, kind: 'opened', toStatus: 'open', note: match.reasons.join('; '), actor: `rule:${rule.id}` }).run();
      outcome.tasksOpened++;
    }

    const channels = actions.alert.includes(ALL_CHANNELS) ? ctx.channels : actions.alert;
    for (const channel of new Set(channels)) {
      tx.insert(outbox)
        .values({
          idempotencyKey: `alert:${ctx.mentionId}:${rule.id}:${channel}`,
          channel,
          kind: 'mention_flagged',
          mentionId: ctx.mentionId,
          ruleId: rule.id,
          payload: alertPayload(ctx, match, taskId),
          nextAttemptAt: nowIso,
          createdAt: nowIso,
        })
        .onConflictDoNothing()
        .run();
      outcome.alertsQueued++;
    }
  }
  return outcome;
}
