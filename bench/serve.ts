/**
 * Times every dashboard/API endpoint over a large history.
 *   node --import tsx bench/serve.ts [--mentions 1000000] [--runs 5] [--db FILE] [--json]
 * Generates the mentions (with revisions, analyses, flags, tasks) into a temp
 * SQLite file (or reuses --db FILE when it already has them), starts the server
 * in-process on 127.0.0.1, and times each request end to end over HTTP: the
 * first (cold) request and the median and worst of the next runs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb, openDb } from '../src/store/db.ts';
import { startServer } from '../src/serve/server.ts';
import { createToken } from '../src/serve/tokens.ts';
import { generate, LOCATIONS, SOURCES } from './lib/serve-data.ts';

const { values } = parseArgs({ options: { mentions: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' }, db: { type: 'string' }, json: { type: 'boolean', default: false }, budget: { type: 'string', default: '300' } } });
const count = Number(values.mentions);
const runs = Number(values.runs);
const budget = Number(values.budget);
const dir = values.db ? null : mkdtempSync(join(tmpdir(), 'repwatch-bench-serve-'));
const file = values.db ?? join(dir ?? '.', 'bench.db');
const now = new Date();

const log = (s: string) => process.stderr.write(`${s}\n`);
const fresh = !existsSync(file);
const db = openDb(file);
const have = db.$client.prepare('select count(*) from mentions').pluck().get() as number;
if (fresh || have === 0) {
  const t0 = performance.now();
  const { tasks } = generate(db.$client, count, now);
  log(`generated ${count} mentions, ${tasks} tasks in ${((performance.now() - t0) / 1000).toFixed(1)} s into ${file}`);
  db.$client.pragma('journal_mode = WAL');
} else log(`reusing ${file} (${have} mentions)`);
const mentions = db.$client.prepare('select count(*) from mentions').pluck().get() as number;
const token = createToken(db, 'admin', 'bench').token;
const server = await startServer(db, { port: 0, brand: 'Bench' });
const openTask = db.$client.prepare("select id from tasks where status = 'open' order by due_at limit 1").pluck().get() as number;
const anyTask = db.$client.prepare('select max(id) from tasks').pluck().get() as number;
const today = now.toISOString().slice(0, 10);
const yearAgo = new Date(now.getTime() - 364 * 86_400_000).toISOString().slice(0, 10);
const src = SOURCES[0] ?? '';
const loc = encodeURIComponent(LOCATIONS[3] ?? '');

const endpoints: [string, string, unknown?][] = [
  ['inbox (open work, SLA order)', '/api/tasks'],
  ['inbox, all statuses', '/api/tasks?status=all'],
  ['inbox, source+location filter', `/api/tasks?source=${src}&location=${loc}`],
  ['inbox, assignee filter', '/api/tasks?assignee=mia'],
  ['inbox, page 50', '/api/tasks?offset=2500'],
  ['inbox filter values', '/api/tasks/filters'],
  ['task detail', `/api/tasks/${anyTask}`],
  ['task status change (POST)', `/api/tasks/${openTask}/status`, { status: 'in_progress' }],
  ['analytics summary (90 d)', '/api/analytics/summary'],
  ['ratings per source, weekly (90 d)', '/api/analytics/ratings?group=source'],
  ['ratings per location, weekly (90 d)', '/api/analytics/ratings?group=location'],
  ['contact times, weekly (90 d)', '/api/analytics/contact'],
  ['negative tags per week (90 d)', '/api/analytics/tags'],
  ['ratings CSV (90 d)', '/api/analytics/ratings?group=source&format=csv'],
  ['analytics summary (1 year)', `/api/analytics/summary?from=${yearAgo}&to=${today}`],
  ['ratings per source, monthly (1 year)', `/api/analytics/ratings?group=source&granularity=month&from=${yearAgo}&to=${today}`],
  ['contact times, monthly (1 year)', `/api/analytics/contact?granularity=month&from=${yearAgo}&to=${today}`],
  ['negative tags per week (1 year)', `/api/analytics/tags?from=${yearAgo}&to=${today}`],
  ['ratings per source, monthly (all 3 years)', `/api/analytics/ratings?group=source&granularity=month&from=2000-01-01&to=${today}`],
  ['analytics summary, one source (1 year)', `/api/analytics/summary?source=${src}&from=${yearAgo}&to=${today}`],
  ['marketing candidates', '/api/marketing/reviews'],
  ['marketing approved', '/api/marketing/reviews?state=approved'],
  ['public feed (JSON)', '/api/public/reviews'],
  ['public feed (CSV)', '/api/public/reviews.csv'],
  ['JSON-LD', '/api/public/reviews.jsonld'],
  ['sources health', '/api/sources'],
  ['OpenAPI document', '/openapi.json'],
];

async function once(path: string, body: unknown): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const res = await fetch(server.url + path, body === undefined ? { headers: { Authorization: `Bearer ${token}` } } : { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status };
}

const results: { endpoint: string; path: string; status: number; cold_ms: number; median_ms: number; max_ms: number; ok: boolean }[] = [];
for (const [name, path, body] of endpoints) {
  const cold = await once(path, body);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await once(path, body === undefined ? undefined : { status: i % 2 === 0 ? 'open' : 'in_progress' })).ms);
  times.sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  const median = times[Math.floor(times.length / 2)] ?? cold.ms;
  const max = Math.max(cold.ms, ...times);
  results.push({ endpoint: name, path, status: cold.status, cold_ms: r(cold.ms), median_ms: r(median), max_ms: r(max), ok: cold.status < 400 && max < budget });
}
await server.close();
closeDb(db);
if (dir) rmSync(dir, { recursive: true, force: true });

const pad = (s: string, n: number) => s.padEnd(n);
const lines = [`${pad('endpoint', 44)} ${pad('status', 6)} ${'cold ms'.padStart(8)} ${'median'.padStart(8)} ${'max ms'.padStart(8)}  < ${budget} ms`];
for (const r of results) lines.push(`${pad(r.endpoint, 44)} ${pad(String(r.status), 6)} ${String(r.cold_ms).padStart(8)} ${String(r.median_ms).padStart(8)} ${String(r.max_ms).padStart(8)}  ${r.ok ? 'yes' : 'NO'}`);
process.stdout.write(`${lines.join('\n')}\n`);
if (values.json) process.stdout.write(`${JSON.stringify({ mentions, runs, budget_ms: budget, all_ok: results.every((r) => r.ok), results })}\n`);
