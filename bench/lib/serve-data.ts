import type Database from 'better-sqlite3';
import { prng as rng } from './prng.ts';

export const SOURCES = ['google-maps', 'yandex-maps', '2gis', 'trustpilot', 'otzovik', 'app-store', 'google-play', 'telegram'];
export const LOCATIONS = Array.from({ length: 20 }, (_, i) => `Branch ${String(i + 1).padStart(2, '0')}`);
const TAGS = ['delivery', 'staff', 'price', 'quality', 'refund', 'wait', 'app', 'cleanliness'];
const AGENTS = ['mia', 'leo', 'ava', 'sam', null];

/**
 * Writes `count` mentions spread over `years` up to `now`, each with a revision
 * and an analysis; low ratings and negative unrated posts get a flag and a task
 * (older tasks contacted and resolved, recent ones open), 4–5 stars become
 * marketing candidates (1 % approved). One transaction, prepared statements,
 * journal off: the fast bulk path, not the pipeline.
 */
export function generate(c: Database.Database, count: number, now: Date, years = 3): { tasks: number } {
  const random = rng(42);
  const span = years * 365 * 86_400_000;
  c.pragma('journal_mode = OFF');
  c.pragma('synchronous = OFF');
  c.pragma('foreign_keys = OFF');
  const insertTarget = c.prepare("insert or ignore into targets (id, source, name, health, last_ok_at, last_crawl_at) values (?, ?, ?, 'ok', ?, ?)");
  const insertRun = c.prepare("insert into crawl_runs (target_id, started_at, finished_at, status, pages, items_seen, items_new) values (?, ?, ?, ?, 3, 60, ?)");
  const mention = c.prepare(
    `insert into mentions (id, source, external_id, target_id, url, author, rating, title, text, lang, published_at, location, content_hash, first_seen_at, last_seen_at, marketing)
     values (?, ?, ?, ?, ?, ?, ?, null, ?, 'en', ?, ?, ?, ?, ?, ?)`,
  );
  const revision = c.prepare('insert into mention_revisions (id, mention_id, revision, content_hash, rating, text, seen_at) values (?, ?, 1, ?, ?, ?, ?)');
  const analysis = c.prepare("insert into analyses (id, mention_id, revision_id, lang, score, label, reasons, tags, created_at) values (?, ?, ?, 'en', ?, ?, '[]', ?, ?)");
  const flag = c.prepare("insert into flags (id, mention_id, rule_id, revision_id, priority, reason, tags, created_at) values (?, ?, ?, ?, 'high', 'rating ≤2', '[]', ?)");
  const task = c.prepare(
    `insert into tasks (id, flag_id, mention_id, rule_id, status, priority, due_at, assignee, churn_risk, reply_draft, dispute_status, first_contact_at, resolved_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'high', ?, ?, ?, 'Sorry to hear that; we will call you today.', ?, ?, ?, ?, ?)`,
  );
  let tasks = 0;
  c.transaction(() => {
    for (const source of SOURCES) {
      insertTarget.run(`t-${source}`, source, `Brand on ${source}`, now.toISOString(), now.toISOString());
      for (let d = 30; d >= 0; d--) {
        const at = new Date(now.getTime() - d * 86_400_000).toISOString();
        insertRun.run(`t-${source}`, at, at, d % 11 === 0 ? 'error' : 'ok', Math.floor(count / SOURCES.length / 1000));
      }
    }
    for (let id = 1; id <= count; id++) {
      const source = SOURCES[id % SOURCES.length] ?? 'google-maps';
      const location = LOCATIONS[Math.floor(random() * LOCATIONS.length)] ?? null;
      const published = new Date(now.getTime() - Math.floor(random() * span));
      const p = published.toISOString();
      const r = random();
      const rating = source === 'telegram' ? null : r < 0.15 ? 1 : r < 0.25 ? 2 : r < 0.35 ? 3 : r < 0.55 ? 4 : 5;
      const negative = rating === null ? random() < 0.25 : rating <= 2;
      const tags = JSON.stringify(TAGS.filter(() => random() < 0.2));
      const text = negative ? `Slow service and cold coffee, order ${id}` : `Great coffee and friendly staff, visit ${id}`;
      const marketing = rating !== null && rating >= 4 ? (random() < 0.01 ? 'approved' : 'candidate') : null;
      mention.run(id, source, `e${id}`, `t-${source}`, `https://reviews.example.org/${source}/${id}`, `Author ${id % 5000}`, rating, text, p, location, `h${id}`, p, p, marketing);
      revision.run(id, id, `h${id}`, rating, text, p);
      analysis.run(id, id, id, negative ? -0.7 : 0.6, negative ? 'negative' : 'positive', tags, p);
      if (negative) {
        tasks++;
        const created = new Date(published.getTime() + 600_000);
        const due = new Date(created.getTime() + 24 * 3_600_000);
        const age = now.getTime() - created.getTime();
        const recent = age < 14 * 86_400_000;
        const contact = recent && random() < 0.6 ? null : new Date(created.getTime() + Math.floor(random() * 48 * 3_600_000));
        const status = contact === null ? (random() < 0.5 ? 'open' : 'in_progress') : recent ? 'contacted' : 'resolved';
        const dispute = random() < 0.02 ? 'approved' : null;
        const rule = rating === null ? 'negative-text' : 'low-rating';
        flag.run(tasks, id, rule, id, created.toISOString());
        task.run(tasks, tasks, id, rule, dispute ? 'disputed' : status, due.toISOString(), AGENTS[tasks % AGENTS.length] ?? null, Math.round(random() * 100) / 100, dispute, contact?.toISOString() ?? null, status === 'resolved' ? new Date((contact ?? created).getTime() + 3_600_000).toISOString() : null, created.toISOString(), created.toISOString());
      }
    }
  })();
  c.pragma('analyze');
  return { tasks };
}
