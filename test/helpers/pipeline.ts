import { join } from 'node:path';
import { dbLocation } from './temp.ts';
import { createAnalyzer } from '../../src/analyze/index.ts';
import { loadRules } from '../../src/rules/load.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import type { PipelineDeps } from '../../src/pipeline/ingest.ts';
import { defaultFollowUp } from '../../src/act/open-task.ts';
import { loadTemplates } from '../../src/act/templates.ts';

export const shippedRulesDir = join(import.meta.dirname, '../../rules');
export const shippedTemplates = join(import.meta.dirname, '../../templates/replies.yaml');

/** A clock that moves one second per reading, so "seen since" comparisons behave as on a real worker. */
export function tickingClock(start = '2026-11-23T12:00:00Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

/** A real SQLite file with the shipped rules, as the worker builds it. */
export function pipelineDeps(dir: string, channels: string[] = ['ops'], now: () => Date = tickingClock()): PipelineDeps & { db: Db } {
  const db = openDb(dbLocation(dir));
  const rules = loadRules(shippedRulesDir, { channels: new Set(channels) });
  const routes = channels.map((name) => ({ name, digest: 'off' as const, instant: [] }));
  return { db, analyzer: createAnalyzer(), rules, channels: routes, followUp: { ...defaultFollowUp, templates: loadTemplates(shippedTemplates) }, now };
}
