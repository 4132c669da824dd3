import { resolve } from 'node:path';
import { ConfigError, defaultConfig, loadConfig, type Config } from '../config/load.ts';
import { closeDb, openDb, StorageError, type Db } from '../store/db.ts';
import { isPostgresUrl } from '../store/pg/url.ts';

export interface GlobalOptions {
  db?: string;
  config?: string;
}

/**
 * --db wins, then REPWATCH_DATABASE_URL, then REPWATCH_DB, then the config's
 * `database`, then ./repwatch.db. A postgres:// URL selects PostgreSQL.
 */
export function dbPath(options: GlobalOptions, config?: Config): string {
  const location = options.db ?? (process.env.REPWATCH_DATABASE_URL || undefined) ?? process.env.REPWATCH_DB ?? config?.database ?? './repwatch.db';
  return isPostgresUrl(location) ? location : resolve(location);
}

/** --config, then REPWATCH_CONFIG, then ./repwatch.yaml when present; otherwise no targets. */
export function readConfig(options: GlobalOptions, required = false): Config {
  const file = options.config ?? process.env.REPWATCH_CONFIG;
  if (file) return loadConfig(file, process.env);
  if (required) throw new ConfigError('no config: pass --config FILE or set REPWATCH_CONFIG (see README, "Configuration")', '');
  return defaultConfig();
}

/** Errors a user can act on print as one clear message and exit 2; anything else is a bug and keeps its stack. */
export function reportError(error: unknown): number {
  if (error instanceof ConfigError || error instanceof StorageError || error instanceof UsageError) {
    process.stderr.write(`repwatch: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(`repwatch: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function writeJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Opens the database the options point at, runs `fn`, and always closes it. */
export function withDb<T>(options: GlobalOptions, fn: (db: Db) => T): T {
  const db = openDb(dbPath(options, readConfig(options)));
  try {
    return fn(db);
  } finally {
    closeDb(db);
  }
}
