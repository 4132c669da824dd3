import type { Command } from 'commander';
import { DEFAULT_BATCH, exportToPostgres, type TableReport } from '../store/export/copy.ts';
import { migrateDatabase } from '../store/export/migrations.ts';
import { isPostgresUrl, parsePgLocation } from '../store/pg/url.ts';
import { dbPath, readConfig, UsageError, writeJsonLine, type GlobalOptions } from './common.ts';

/** `repwatch migrate` and `repwatch export`: the schema, and moving a SQLite install to PostgreSQL. */
export function registerDatabaseCommands(program: Command, merged: <T extends object>(local: T) => T & GlobalOptions): void {
  program
    .command('migrate')
    .description('apply pending schema migrations to the database (SQLite file or postgres:// URL) and say how many')
    .option('--db <location>', 'SQLite file or postgres:// URL')
    .option('--config <file>', 'repwatch.yaml (for its database)')
    .option('--json', 'print the result as JSON')
    .action((opts: GlobalOptions & { json?: boolean }) => {
      const options = merged(opts);
      const result = migrateDatabase(dbPath(options, readConfig(options)));
      if (opts.json) writeJsonLine(result);
      else if (result.applied === 0) process.stdout.write(`${result.database} (${result.dialect}) is up to date: ${result.migrations} migrations\n`);
      else process.stdout.write(`migrated ${result.database} (${result.dialect}): applied ${result.applied}, now at ${result.migrations} migrations\n`);
    });

  program
    .command('export')
    .description('copy a SQLite database into an empty PostgreSQL one (ids kept, one transaction, verified row by row before commit)')
    .requiredOption('--to <url>', 'the PostgreSQL database: postgres://USER@HOST:PORT/DB?schema=NAME')
    .option('--db <file>', 'the SQLite file to copy (opened read-only)')
    .option('--config <file>', 'repwatch.yaml (for its database)')
    .option('--batch <rows>', `rows per INSERT statement (default ${DEFAULT_BATCH})`)
    .option('--json', 'print the result as one JSON object')
    .action((opts: GlobalOptions & { to: string; batch?: string; json?: boolean }) => {
      const options = merged(opts);
      const source = dbPath(options, readConfig(options));
      if (isPostgresUrl(source)) {
        throw new UsageError(`export copies a SQLite file into PostgreSQL, but the source is ${parsePgLocation(source).display}; pass the SQLite file with --db FILE (REPWATCH_DATABASE_URL points at PostgreSQL)`);
      }
      if (!isPostgresUrl(opts.to)) throw new UsageError(`--to must be a postgres:// URL (e.g. postgres://127.0.0.1:5432/repwatch?schema=repwatch), not ${opts.to}`);
      const batch = opts.batch === undefined ? DEFAULT_BATCH : Number(opts.batch);
      if (!Number.isInteger(batch) || batch < 1) throw new UsageError(`--batch must be a positive whole number of rows, not ${opts.batch}`);
      const width = 20;
      const onTable = opts.json
        ? undefined
        : (t: TableReport) => process.stdout.write(`  ${t.table.padEnd(width)} ${String(t.rows).padStart(9)} rows  ${t.seconds.toFixed(2).padStart(7)} s${t.derived ? '  (rollup rebuilt by triggers, compared)' : ''}\n`);
      const result = exportToPostgres(source, opts.to, { batch, onTable });
      if (opts.json) writeJsonLine(result);
      else {
        for (const name of result.skipped) process.stdout.write(`  skipped ${name}: not a repwatch table\n`);
        process.stdout.write(`exported ${result.rows} rows from ${result.source} to ${result.target} in ${result.seconds.toFixed(2)} s (${result.rowsPerSecond} rows/s); every table verified, sequences reset\n`);
      }
    });
}
