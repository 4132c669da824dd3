import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { closeDb, openDb, type Db } from '../db.ts';
import { StorageError, storageError } from '../errors.ts';
import { PgError } from '../pg/bridge.ts';
import { isPostgresClient, type PgDatabase } from '../pg/database.ts';
import { isPostgresUrl, parsePgLocation } from '../pg/url.ts';
import { describeKey, findNulValue, firstRollupDifference, rowDigest } from './digest.ts';
import { appliedMigrations, knownMigrations } from './migrations.ts';
import { exportPlan, MIGRATIONS_TABLE, targetMismatches, type TablePlan } from './plan.ts';
import { insertSql, pgRowHashSql, pgSelectSql, quoteIdent, rowsPerStatement, sqliteSelectSql } from './sql.ts';

export const DEFAULT_BATCH = 500;

export interface TableReport {
  table: string;
  rows: number;
  seconds: number;
  /** A rollup: rebuilt by the target's triggers and compared, not copied. */
  derived: boolean;
}

export interface ExportReport {
  source: string;
  /** The URL without its password. */
  target: string;
  tables: TableReport[];
  /** Rows copied (rollups not counted: the target built them). */
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Rows per INSERT asked for; a wide table gets fewer to stay under PostgreSQL's parameter limit. */
  batch: number;
  /** Tables in the source that are not repwatch's and were left behind. */
  skipped: string[];
}

export interface ExportOptions {
  batch?: number;
  /** Called as each table is copied and verified, for progress output. */
  onTable?: (report: TableReport) => void;
}

/**
 * Copies a SQLite database into an empty PostgreSQL one: every table of
 * schema.ts with its ids, in one transaction on the target, verified row by
 * row before COMMIT. The source is read in one read transaction (a consistent
 * snapshot while a worker keeps writing) on a read-only connection.
 */
export function exportToPostgres(sourceFile: string, targetUrl: string, options: ExportOptions = {}): ExportReport {
  const started = performance.now();
  if (isPostgresUrl(sourceFile)) throw new StorageError(`export reads a SQLite file, but the source ${parsePgLocation(sourceFile).display} is PostgreSQL; pass the SQLite file with --db FILE`, sourceFile);
  if (!isPostgresUrl(targetUrl)) throw new StorageError(`export writes to PostgreSQL, but the target ${targetUrl} is not a postgres:// URL; pass --to postgres://HOST:PORT/DB?schema=NAME`, targetUrl);
  const file = resolve(sourceFile);
  const target = parsePgLocation(targetUrl).display;
  const batch = options.batch ?? DEFAULT_BATCH;
  if (!Number.isInteger(batch) || batch < 1) throw new StorageError(`batch size ${batch} is not a positive whole number of rows; pass e.g. --batch 500`, targetUrl);
  if (!existsSync(file)) throw new StorageError(`no SQLite database at ${file}; pass the file to export with --db FILE`, file);
  checkSourceVersion(file);

  const plan = exportPlan();
  const sourceDb = openDb(file, { readonly: true });
  try {
    const source = sourceDb.$client;
    const skipped = foreignTables(source, plan);
    let targetDb: Db;
    try {
      targetDb = openDb(targetUrl);
    } catch (error) {
      throw storageError(target, 'open', error);
    }
    try {
      const pg = targetDb.$client as unknown;
      if (!isPostgresClient(pg)) throw new StorageError(`${target} did not open as PostgreSQL; pass --to postgres://…`, target);
      checkTargetShape(pg, plan, target);
      source.exec('begin');
      try {
        const tables = copyAll(source, pg, plan, { batch, target, onTable: options.onTable });
        const rows = tables.filter((t) => !t.derived).reduce((sum, t) => sum + t.rows, 0);
        const seconds = (performance.now() - started) / 1000;
        return { source: file, target, tables, rows, seconds, rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : rows, batch, skipped };
      } finally {
        source.exec('commit');
      }
    } finally {
      closeDb(targetDb);
    }
  } finally {
    closeDb(sourceDb);
  }
}

/** A read-only source cannot be migrated here, and one from a newer repwatch may hold columns this one would drop. */
function checkSourceVersion(file: string): void {
  const applied = appliedMigrations(file, { readonly: true });
  const known = knownMigrations('sqlite');
  if (applied === null) return; // openDb explains what is wrong with the file.
  if (applied < known) {
    throw new StorageError(`the SQLite database ${file} has ${known - applied} of ${known} migrations still to apply, and export opens it read-only; stop the worker, run \`repwatch migrate --db ${file}\`, then export again`, file);
  }
  if (applied > known) {
    throw new StorageError(`the SQLite database ${file} was migrated by a newer repwatch (${applied} migrations; this one knows ${known}); export it with that version`, file);
  }
}

function foreignTables(source: Database.Database, plan: readonly TablePlan[]): string[] {
  const ours = new Set([...plan.map((t) => t.name), MIGRATIONS_TABLE]);
  const names = source.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name").pluck().all() as string[];
  return names.filter((n) => !ours.has(n));
}

function checkTargetShape(pg: PgDatabase, plan: readonly TablePlan[], target: string): void {
  const rows = pg.prepare('select table_name, column_name, data_type from information_schema.columns where table_schema = current_schema()').raw().all() as [string, string, string][];
  const columns = new Map<string, Map<string, string>>();
  for (const [table, column, type] of rows) {
    const entry = columns.get(table) ?? new Map<string, string>();
    entry.set(column, type);
    columns.set(table, entry);
  }
  const problems = targetMismatches(plan, columns);
  if (problems.length > 0) {
    throw new StorageError(`PostgreSQL database ${target} does not have the schema this repwatch writes (${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; ${problems.length - 3} more` : ''}); export into a new ?schema=NAME, which repwatch creates and migrates`, target);
  }
}

interface CopyContext {
  batch: number;
  target: string;
  onTable: ((report: TableReport) => void) | undefined;
}

/** All of it in one transaction on the target: any failure leaves the target as it was. */
function copyAll(source: Database.Database, pg: PgDatabase, plan: readonly TablePlan[], context: CopyContext): TableReport[] {
  pg.exec('begin');
  try {
    refuseNonEmpty(pg, plan, context.target);
    const reports: TableReport[] = [];
    for (const table of plan) {
      const t0 = performance.now();
      const rows = table.derived ? verifyRollup(source, pg, table, context.target) : copyTable(source, pg, table, context);
      // The rollup triggers look rows up in the tables copied before (a task's analyses, say), with
      // plans PL/pgSQL made and kept while those were empty: seq scans, quadratic over an export
      // (208 s instead of 25 s for 100,000 mentions). ANALYZE sees this transaction's rows and
      // invalidates those plans; without the owner's rights it only warns.
      if (!table.derived && rows > 0) pg.exec(`analyze ${quoteIdent(table.name)}`);
      const report = { table: table.name, rows, seconds: (performance.now() - t0) / 1000, derived: table.derived };
      reports.push(report);
      context.onTable?.(report);
    }
    resetSequences(pg, plan);
    pg.exec('commit');
    return reports;
  } catch (error) {
    try {
      pg.exec('rollback');
    } catch {
      // The connection is gone: the server has rolled back already.
    }
    if (error instanceof PgError) throw storageError(context.target, 'export into', error);
    throw error;
  }
}

function refuseNonEmpty(pg: PgDatabase, plan: readonly TablePlan[], target: string): void {
  // Held to COMMIT: a worker already pointed at the target must not write between this check and the copy (reads go on).
  pg.exec(`lock table ${plan.map((t) => quoteIdent(t.name)).join(', ')} in exclusive mode`);
  const filled: string[] = [];
  for (const table of plan) {
    const count = Number(pg.prepare(`select count(*) from (select 1 from ${quoteIdent(table.name)} limit 1000000) t`).pluck().get());
    if (count > 0) filled.push(`${table.name} has ${count >= 1_000_000 ? 'over a million' : count} row${count === 1 ? '' : 's'}`);
  }
  if (filled.length > 0) {
    const named = filled.length > 3 ? [...filled.slice(0, 3), `${filled.length - 3} more tables have rows`] : filled;
    throw new StorageError(`PostgreSQL database ${target} is not empty (${named.join(', ')}); export only into an empty database: create one (createdb NAME) or use a new ?schema=NAME in the URL`, target);
  }
}

/**
 * Streams the table out of SQLite in key order into multi-row INSERTs, keeping
 * a digest of every row, then compares those with the target's own digests of
 * what it stored: equal count and equal rows, or the copy is rolled back.
 */
function copyTable(source: Database.Database, pg: PgDatabase, table: TablePlan, context: CopyContext): number {
  const perStatement = rowsPerStatement(table.columns.length, context.batch);
  const full = pg.prepare(insertSql(table, perStatement));
  const digests: string[] = [];
  let params: unknown[] = [];
  let pending = 0;
  let first: readonly unknown[] | null = null;
  let last: readonly unknown[] | null = null;
  const flush = () => {
    try {
      (pending === perStatement ? full : pg.prepare(insertSql(table, pending))).run(params);
    } catch (error) {
      if (!(error instanceof PgError)) throw error;
      const where = first && last ? ` (in the batch of rows ${describeKey(table, first)} to ${describeKey(table, last)})` : '';
      const culprit = findNulValue(table, params);
      throw new StorageError(`cannot copy table ${table.name}${where} into PostgreSQL database ${context.target}: ${error.message}${error.code ? ` (${error.code})` : ''}${error.info.detail ? `: ${error.info.detail}` : ''}${culprit ? `; ${culprit}` : ''}; nothing was exported. Fix or remove that row in the SQLite file and export again`, context.target, { cause: error });
    }
    params = [];
    pending = 0;
    first = null;
  };
  for (const row of source.prepare(sqliteSelectSql(table)).raw().iterate() as IterableIterator<unknown[]>) {
    for (const value of row) params.push(value);
    digests.push(rowDigest(table.kinds, row));
    first ??= row;
    last = row;
    if (++pending === perStatement) flush();
  }
  if (pending > 0) flush();
  verifyTable(source, pg, table, digests, context.target);
  return digests.length;
}

function verifyTable(source: Database.Database, pg: PgDatabase, table: TablePlan, digests: readonly string[], target: string): void {
  const stored = pg.prepare(pgRowHashSql(table)).pluck().all() as string[];
  const mismatch = (detail: string) =>
    new StorageError(`export to ${target} rolled back: table ${table.name} ${detail}; nothing was exported. Report this with the row (a value PostgreSQL cannot hold as SQLite does?)`, target);
  if (stored.length !== digests.length) throw mismatch(`has ${digests.length} rows in SQLite but ${stored.length} in PostgreSQL after the copy`);
  for (let i = 0; i < digests.length; i++) {
    if (stored[i] !== digests[i]) {
      const row = source.prepare(`${sqliteSelectSql(table)} limit 1 offset ?`).raw().get(i) as unknown[] | undefined;
      throw mismatch(`differs at row ${row ? describeKey(table, row) : i + 1}: PostgreSQL stored another value than SQLite holds`);
    }
  }
}

/** The target's triggers built this rollup from the copied rows; it must say what the source's says. */
function verifyRollup(source: Database.Database, pg: PgDatabase, table: TablePlan, target: string): number {
  const expected = source.prepare(sqliteSelectSql(table)).raw().all() as unknown[][];
  const built = pg.prepare(pgSelectSql(table)).raw().all() as unknown[][];
  const difference = firstRollupDifference(table, expected, built);
  if (difference) {
    throw new StorageError(`export to ${target} rolled back: the rollup ${table.name} that PostgreSQL's triggers built from the copied rows differs from the SQLite source (${difference}); nothing was exported. Report this: the triggers of the two engines disagree, or the source's rollups are stale`, target);
  }
  return built.length;
}

/** Rows went in with their own ids, which does not move an identity: new rows would collide with copied ones. */
function resetSequences(pg: PgDatabase, plan: readonly TablePlan[]): void {
  for (const table of plan.filter((t) => t.identity)) {
    const name = quoteIdent(table.name);
    pg.prepare(`select setval(pg_get_serial_sequence(?, 'id'), coalesce((select max(id) from ${name}), 0) + 1, false)`).get(name);
  }
}
