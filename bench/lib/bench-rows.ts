import { fileURLToPath } from 'node:url';
import { defaultFollowUp } from '../../src/act/open-task.ts';
import { loadTemplates } from '../../src/act/templates.ts';
import { createAnalyzer } from '../../src/analyze/index.ts';
import type { ParsedMention } from '../../src/crawl/mention.ts';
import type { PipelineDeps } from '../../src/pipeline/ingest.ts';
import { loadRules } from '../../src/rules/load.ts';
import type { Db } from '../../src/store/db.ts';
import { makeReview } from './review-site.ts';

/** The mentions both ingest benches store: target "shop", oldest first. */
export function benchRows(count: number): ParsedMention[] {
  const out: ParsedMention[] = [];
  for (let n = count; n >= 1; n--) {
    const r = makeReview('shop', n);
    out.push({
      externalId: r.id,
      url: `http://127.0.0.1/t/shop/reviews#${r.id}`,
      author: r.author,
      rating: r.rating,
      title: r.title,
      text: r.text,
      lang: /[а-я]/i.test(r.text) ? 'ru' : 'en',
      publishedAt: r.date,
      location: 'Main street',
    });
  }
  return out;
}

export function pages<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const rulesDir = fileURLToPath(new URL('../../rules', import.meta.url));
const templates = fileURLToPath(new URL('../../templates/replies.yaml', import.meta.url));

/** The pipeline both ingest benches drive: the shipped rules and templates, one webhook channel "ops". */
export function benchDeps(db: Db, now: () => Date = () => new Date()): PipelineDeps {
  return {
    db,
    analyzer: createAnalyzer(),
    rules: loadRules(rulesDir, { channels: new Set(['ops']) }),
    channels: [{ name: 'ops', digest: 'off' as const, instant: [] }],
    followUp: { ...defaultFollowUp, templates: loadTemplates(templates) },
    now,
  };
}
