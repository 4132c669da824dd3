/**
 * Times `repwatch export` of a large SQLite database into PostgreSQL.
 *   node --import tsx bench/export.ts [--mentions 100000] [--batch 500] [--db FILE] [--pg postgres://127.0.0.1:5432/test] [--json]
 * Generates the mentions (with revisions, analyses, flags, tasks: bench/lib/serve-data.ts)
 * into a temp SQLite file, or reuses --db FILE when it has them, exports into a
 * new schema of the --pg database and drops that schema afterwards.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb, openDb } from '../src/store/db.ts';
import { exportToPostgres } from '../src/store/export/copy.ts';
import { PgDatabase } from '../src/store/pg/database.ts';
import { parsePgLocation } from '../src/store/pg/url.ts';
import { generate } from './lib/serve-data.ts';

const { values } = parseArgs({
  options: {
    mentions: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '500' },
    db: { type: 'string' },
    pg: { type: 'string', default: process.env.REPWATCH_TEST_PG_URL ?? 'postgres://127.0.0.1:5432/test' },
    json: { type: 'boolean', default: false },
  },
});
const log = (s: string) => process.stderr.write(`${s}\n`);
const dir = values.db ? null : mkdtempSync(join(tmpdir(), 'repwatch-bench-export-'));
const file = values.db ?? join(dir ?? '.', 'bench.db');

const fresh = !existsSync(file);
const db = openDb(file);
if (fresh || db.$client.prepare('select count(*) from mentions').pluck().get() === 0) {
  const t0 = performance.now();
  const { tasks } = generate(db.$client, Number(values.mentions), new Date());
  log(`generated ${values.mentions} mentions, ${tasks} tasks in ${((performance.now() - t0) / 1000).toFixed(1)} s into ${file}`);
}
closeDb(db);

const target = new URL(values.pg);
const schema = `rw_bench_export_${Date.now().toString(36)}`;
target.searchParams.set('schema', schema);
try {
  const report = exportToPostgres(file, target.toString(), {
    batch: Number(values.batch),
    onTable: (t) => log(`  ${t.table.padEnd(20)} ${String(t.rows).padStart(9)} rows ${t.seconds.toFixed(2).padStart(7)} s${t.derived ? ' (rollup, compared)' : ''}`),
  });
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(`exported ${report.rows} rows in ${report.seconds.toFixed(1)} s: ${report.rowsPerSecond} rows/s (batch ${report.batch}, incl. migration, rollup triggers and verification)\n`);
} finally {
  const where = parsePgLocation(values.pg);
  const admin = new PgDatabase({ url: where.url, searchPath: undefined, displayName: where.display });
  admin.exec(`drop schema if exists "${schema}" cascade`);
  admin.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
