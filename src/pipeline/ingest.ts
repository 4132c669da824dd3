import { detectLanguage } from '../analyze/language.ts';
import type { Analyzer } from '../analyze/types.ts';
import { applyMatches, type AlertRoute } from '../act/apply.ts';
import { actStatements } from '../act/statements.ts';
import type { FollowUp } from '../act/open-task.ts';
import { onMentionEdited } from '../act/task-status.ts';
import type { BrandMatcher } from '../crawl/brand-query.ts';
import type { Mention, ParsedMention } from '../crawl/mention.ts';
import { evaluateRules, type CompiledRule } from '../rules/evaluate.ts';
import { storageError, type Db } from '../store/db.ts';
import { upsertMention } from '../store/mentions.ts';

export interface PipelineDeps {
  db: Db;
  analyzer: Analyzer;
  rules: readonly CompiledRule[];
  channels: readonly AlertRoute[];
  followUp: FollowUp;
  now: () => Date;
}

export interface IngestCounts {
  seen: number;
  new: number;
  /** New items that repeat a stored mention's text elsewhere (reposts): stored as sightings, never alerted. */
  reposts: number;
  changed: number;
  unchanged: number;
  flagged: number;
  tasksOpened: number;
  alertsQueued: number;
}

export const emptyCounts = (): IngestCounts => ({ seen: 0, new: 0, reposts: 0, changed: 0, unchanged: 0, flagged: 0, tasksOpened: 0, alertsQueued: 0 });

export function addCounts(into: IngestCounts, more: IngestCounts): IngestCounts {
  for (const key of Object.keys(into) as (keyof IngestCounts)[]) into[key] += more[key];
  return into;
}

export interface IngestTarget {
  id: string;
  source: string;
  /** The target's brand query; without one every item counts. */
  matches?: BrandMatcher | undefined;
}

/**
 * Stores one fetched page and runs analyze → rules → act on every new or
 * edited item, all in one transaction: a crash leaves the page either fully
 * processed or not at all, so a restart never skips or repeats an item.
 */
export function ingestPage(deps: PipelineDeps, target: IngestTarget, parsed: readonly ParsedMention[]): IngestCounts {
  const counts = emptyCounts();
  const now = deps.now();
  const seenAt = now.toISOString();
  const seenOnPage = new Set<string>();
  try {
    storePage(deps, target, parsed, counts, now, seenAt, seenOnPage);
  } catch (error) {
    // A lock, a read-only or full disk, a damaged file: one clear StorageError naming the file and what to do.
    if (String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_')) throw storageError(deps.db.$client.name, 'write to', error);
    throw error;
  }
  return counts;
}

function storePage(deps: PipelineDeps, target: IngestTarget, parsed: readonly ParsedMention[], counts: IngestCounts, now: Date, seenAt: string, seenOnPage: Set<string>): void {
  deps.db.transaction((tx) => {
    // Prepared once per connection (src/act/statements.ts): drizzle's query building cost more than the insert.
    const s = actStatements(tx);
    for (const item of parsed) {
      // A feed can list one post twice (posted, then reposted): the first copy counts.
      if (seenOnPage.has(item.externalId)) continue;
      seenOnPage.add(item.externalId);
      if (target.matches && !target.matches(`${item.title ?? ''}\n${item.text}`, item.lang)) continue;
      counts.seen++;
      const mention: Mention = { ...item, lang: item.lang ?? detectLanguage(item.text), source: target.source, targetId: target.id };
      const stored = upsertMention(tx, mention, seenAt);
      counts[stored.status]++;
      if (stored.revisionId === null) continue;
      if (stored.duplicateOf !== null) {
        counts.reposts++;
        continue;
      }
      if (stored.status === 'changed') onMentionEdited(tx, { mentionId: stored.mentionId, before: stored.previousRating, after: mention.rating, now });
      const analysis = deps.analyzer.analyze(`${mention.title ? `${mention.title}. ` : ''}${mention.text}`);
      s.analysis.run(stored.mentionId, stored.revisionId, analysis.lang, analysis.score, analysis.label, JSON.stringify(analysis.reasons), JSON.stringify(analysis.tags), seenAt);
      const matches = evaluateRules(deps.rules, { source: mention.source, targetId: mention.targetId, rating: mention.rating, title: mention.title, text: mention.text, analysis });
      const acted = applyMatches(tx, { mentionId: stored.mentionId, revisionId: stored.revisionId, mention, analysis, channels: deps.channels, followUp: deps.followUp, now }, matches);
      counts.flagged += acted.flagged;
      counts.tasksOpened += acted.tasksOpened;
      counts.alertsQueued += acted.alertsQueued;
    }
  });
}
