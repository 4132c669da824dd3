/**
 * repwatch benchmarks, each figure measured side by side with its baseline in
 * one run, on local data only (a review site on 127.0.0.1 in its own process,
 * generated texts, temporary SQLite files).
 *
 *   npm run bench                 table on stdout, progress on stderr
 *   npm run bench -- --json       the same, then ONE JSON object as the last stdout line
 *   npm run bench -- --quick      smaller sizes, for a smoke run (figures not comparable)
 *   npm run bench -- --only crawl,ingest
 *   npm run bench -- --only workers   1, 2 and 3 workers on PostgreSQL beside SQLite's one (needs PostgreSQL, else skipped)
 */
import { benchAnalyze } from './analyze.ts';
import { benchCrawl, benchRecrawl, type CrawlBench, type RecrawlBench } from './lib/crawl-bench.ts';
import { benchIngest, type IngestBench } from './lib/ingest-bench.ts';
import { benchMemory, type MemoryBench } from './lib/memory-bench.ts';
import { pgReachable } from './lib/pg-reachable.ts';
import { benchWorkers, type WorkersBench } from './workers.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : null;
const want = (name: string) => !only || only.has(name);
const log = (line: string) => process.stderr.write(`${line}\n`);

const sizes = quick
  ? { crawlPages: 200, crawlRounds: 1, texts: 20_000, ingest: 5_000, ingestRounds: 1, recrawlReviews: 1_000, targets: 20, cycles: 3, fleetTargets: 12, fleetReviews: 100 }
  : { crawlPages: 2_000, crawlRounds: 2, texts: 100_000, ingest: 20_000, ingestRounds: 3, recrawlReviews: 10_000, targets: 100, cycles: 10, fleetTargets: 24, fleetReviews: 200 };

interface Row {
  bench: string;
  repwatch: string;
  baseline: string;
  key: string;
  value: number;
  goal: string;
  met: boolean;
}

const rows: Row[] = [];
const result: Record<string, number | boolean | string | Record<string, unknown>> = { quick };
const started = performance.now();
const f = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function step<T>(name: string, run: () => Promise<T> | T): Promise<T | null> {
  if (!want(name)) return null;
  const t = performance.now();
  log(`bench ${name}…`);
  const out = await run();
  log(`bench ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

const crawl = await step<CrawlBench>('crawl', () => benchCrawl({ pages: sizes.crawlPages, pageSize: 10, rounds: sizes.crawlRounds, log }));
if (crawl) {
  rows.push({
    bench: `crawl: ${f(crawl.pages)} pages × 10 reviews, 1 target, 1 page at a time`,
    repwatch: `${f(crawl.repwatch_pages_per_s, 1)} pages/s, ${f(crawl.repwatch_mentions_per_s)} mentions/s (whole pipeline)`,
    baseline: `${f(crawl.bare_pages_per_s, 1)} pages/s, ${f(crawl.bare_mentions_per_s)} mentions/s (bare crawlee HttpCrawler + same parse)`,
    key: 'crawl_ratio',
    value: crawl.crawl_ratio,
    goal: '>= 0.8',
    met: crawl.crawl_ratio >= 0.8,
  });
  Object.assign(result, { crawl_ratio: crawl.crawl_ratio, crawl: { ...crawl } });
}

const analyze = await step('analyze', () => benchAnalyze({ texts: sizes.texts }));
if (analyze) {
  rows.push({
    bench: `analyze: ${f(sizes.texts)} generated ru/en texts`,
    repwatch: `${f(analyze.engine_tps)} texts/s (repwatch analyze engine)`,
    baseline: `${f(analyze.baseline_tps)} texts/s (plain sentiment / AFINN)`,
    key: 'analyze_ratio',
    value: analyze.analyze_ratio,
    goal: '>= 0.5',
    met: analyze.analyze_ratio >= 0.5,
  });
  Object.assign(result, { analyze_ratio: analyze.analyze_ratio, analyze: { ...analyze } });
}

const ingest = await step<IngestBench>('ingest', () => benchIngest({ mentions: sizes.ingest, pageSize: 20, rounds: sizes.ingestRounds }));
if (ingest) {
  rows.push({
    bench: `ingest: ${f(ingest.mentions)} mentions, 1 transaction per page of ${ingest.page_size}`,
    repwatch: `${f(ingest.store_mps)} mentions/s store only (upsertMention, no analysis/rules); full ingest ${f(ingest.full_ingest_mps)}/s`,
    baseline: `${f(ingest.raw_mps)} mentions/s (raw better-sqlite3 prepared INSERTs, same rows and schema)`,
    key: 'ingest_ratio',
    value: ingest.ingest_ratio,
    goal: '>= 0.6',
    met: ingest.ingest_ratio >= 0.6,
  });
  Object.assign(result, { ingest_ratio: ingest.ingest_ratio, ingest: { ...ingest } });
}

const recrawl = await step<RecrawlBench>('incremental', () => benchRecrawl({ reviews: sizes.recrawlReviews, pageSize: 20, added: 3 }));
if (recrawl) {
  rows.push({
    bench: `incremental: re-crawl ${f(recrawl.reviews)} reviews (20/page) after 3 new`,
    repwatch: `${recrawl.recrawl_pages} pages fetched, ${recrawl.recrawl_new} new stored`,
    baseline: `${f(recrawl.first_crawl_pages)} pages for the first full crawl (${recrawl.first_crawl_s.toFixed(1)} s)`,
    key: 'recrawl_pages',
    value: recrawl.recrawl_pages,
    goal: '<= 2',
    met: recrawl.recrawl_pages <= 2 && recrawl.recrawl_new === 3,
  });
  Object.assign(result, { recrawl_pages: recrawl.recrawl_pages, incremental: { ...recrawl } });
}

const memory = await step<MemoryBench>('memory', () => benchMemory({ targets: sizes.targets, cycles: sizes.cycles, reviews: 30, pageSize: 10 }));
if (memory) {
  rows.push({
    bench: `memory: worker, ${memory.targets} HTTP targets × ${memory.cycles} cycles (child process)`,
    repwatch: `peak RSS ${f(memory.rss_mb_100_targets, 1)} MB (VmHWM); after cycle 1 ${f(memory.first_cycle_rss_mb)} MB, after last ${f(memory.last_cycle_rss_mb)} MB`,
    baseline: `${f(memory.seconds, 1)} s; goal from the issue`,
    key: 'rss_mb_100_targets',
    value: memory.rss_mb_100_targets,
    goal: '<= 300',
    met: memory.rss_mb_100_targets <= 300,
  });
  Object.assign(result, { rss_mb_100_targets: memory.rss_mb_100_targets, memory: { ...memory } });
}

const workers = await step<WorkersBench | null>('workers', async () => {
  const problem = await pgReachable();
  if (problem) {
    log(`bench workers: skipped, ${problem}`);
    return null;
  }
  return benchWorkers({ targets: sizes.fleetTargets, reviews: sizes.fleetReviews, pageSize: 20, concurrency: 2, log });
});
if (workers) {
  const per = (n: number) => f(n, 1);
  rows.push({
    bench: `workers: ${workers.targets} targets × ${workers.pages_per_target} pages, first crawl, ${workers.cores} cores`,
    repwatch: `PostgreSQL ${per(workers.pg_1_targets_per_min)} / ${per(workers.pg_2_targets_per_min)} / ${per(workers.pg_3_targets_per_min)} targets/min with 1 / 2 / 3 workers (${workers.concurrency_per_worker} jobs each)`,
    baseline: `SQLite ${per(workers.sqlite_1_targets_per_min)} targets/min, its one worker (every due target at once)`,
    key: 'pg_scaling_3_over_1',
    value: workers.pg_scaling_3_over_1,
    goal: '> 1',
    met: workers.pg_scaling_3_over_1 > 1,
  });
  Object.assign(result, { pg_scaling_3_over_1: workers.pg_scaling_3_over_1, workers: { ...workers } });
}

result.goals_met = rows.filter((r) => r.met).map((r) => r.key).join(',');
result.goals_missed = rows.filter((r) => !r.met).map((r) => r.key).join(',');
result.seconds = (performance.now() - started) / 1000;
result.node = process.version;

const cols: (keyof Row)[] = ['key', 'value', 'goal', 'met', 'bench', 'repwatch', 'baseline'];
const cell = (r: Row, c: keyof Row) => (c === 'value' ? (Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(3)) : c === 'met' ? (r.met ? 'yes' : 'NO') : String(r[c]));
const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
process.stdout.write(
  [line(cols), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => line(cols.map((c) => cell(r, c))))].join('\n') +
    `\n\n${quick ? 'QUICK sizes: not comparable with a full run. ' : ''}Total ${(result.seconds as number).toFixed(0)} s on ${process.version}. crawl: both sides read ONE target one page at a time (maxConcurrency 1); the site runs in its own process; best of ${sizes.crawlRounds} alternating rounds.\n`,
);
if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
