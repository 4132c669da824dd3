/**
 * Full ingest of the same bench mentions into SQLite and into PostgreSQL:
 * mentions/s and statements per mention on each (bench/lib/pg-ingest-bench.ts).
 *
 *   node --import tsx bench/pg-ingest.ts [--mentions 3000] [--page-size 20] [--pg postgres://127.0.0.1:5432/test] [--statements] [--json]
 *
 * --statements also prints how often each statement ran on PostgreSQL.
 * The PostgreSQL schema is a fresh one, dropped afterwards.
 */
import { parseArgs } from 'node:util';
import { benchPgIngest } from './lib/pg-ingest-bench.ts';
import { BENCH_PG_URL, pgReachable } from './lib/pg-reachable.ts';

const { values } = parseArgs({
  options: {
    mentions: { type: 'string', default: '3000' },
    'page-size': { type: 'string', default: '20' },
    pg: { type: 'string', default: BENCH_PG_URL },
    statements: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const unreachable = await pgReachable(values.pg);
if (unreachable) {
  process.stderr.write(`pg-ingest skipped: ${unreachable}\n`);
  process.exit(0);
}

const r = benchPgIngest({ mentions: Number(values.mentions), pageSize: Number(values['page-size']), pgUrl: values.pg, statements: values.statements });
if (values.json) {
  process.stdout.write(`${JSON.stringify(r)}\n`);
} else {
  const c = r.postgres.counts;
  process.stdout.write(`ingest of ${r.mentions} mentions (${c.new} new, ${c.reposts} reposts, ${c.flagged} flagged, ${c.tasksOpened} tasks, ${c.alertsQueued} alerts), pages of ${r.page_size}\n`);
  for (const [engine, f] of [['sqlite', r.sqlite], ['postgres', r.postgres]] as const) {
    process.stdout.write(`  ${engine.padEnd(9)} ${String(f.mentions_per_s).padStart(6)} mentions/s  ${f.statements_per_mention.toFixed(2).padStart(5)} statements/mention  (${f.seconds} s)\n`);
  }
  if (r.pg_statements) {
    for (const [sql, f] of Object.entries(r.pg_statements)) process.stdout.write(`  ${String(f.n).padStart(6)} ${String(f.ms).padStart(6)} ms  ${sql}\n`);
  }
}
