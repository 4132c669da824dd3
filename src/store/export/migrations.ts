import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDb, openDb } from '../db.ts';
import { BUSY_TIMEOUT_MS, storageError } from '../errors.ts';
import { PgDatabase } from '../pg/database.ts';
import { pgMigrationsFolder } from '../pg/open.ts';
import { isPostgresUrl, parsePgLocation } from '../pg/url.ts';
import { MIGRATIONS_TABLE } from './plan.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface MigrateReport {
  /** The file, or the URL without its password. */
  database: string;
  dialect: Dialect;
  /** Migrations this run applied. */
  applied: number;
  /** Migrations the code knows for this engine. */
  migrations: number;
}

const sqliteMigrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export function dialectOf(location: string): Dialect {
  return isPostgresUrl(location) ? 'postgres' : 'sqlite';
}

/** For messages: a file as an absolute path, a URL without its password. */
export function displayLocation(location: string): string {
  return isPostgresUrl(location) ? parsePgLocation(location).display : location === ':memory:' ? location : resolve(location);
}

/** How many migrations this version of repwatch ships for the engine (drizzle's journal). */
export function knownMigrations(dialect: Dialect): number {
  const folder = dialect === 'postgres' ? pgMigrationsFolder : sqliteMigrationsFolder;
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries?: unknown[] };
  return journal.entries?.length ?? 0;
}

/**
 * Migrations already recorded in the database, without applying any: 0 for a
 * file or schema that does not exist yet, null when it cannot be read (openDb
 * then says why, with its advice).
 */
export function appliedMigrations(location: string, options: { readonly?: boolean } = {}): number | null {
  if (isPostgresUrl(location)) {
    const where = parsePgLocation(location);
    let client: PgDatabase | null = null;
    try {
      client = new PgDatabase({ url: where.url, searchPath: where.schema, displayName: where.display });
      const present = client.prepare('select to_regclass(?) is not null').pluck().get(MIGRATIONS_TABLE);
      return present ? Number(client.prepare(`select count(*) from "${MIGRATIONS_TABLE}"`).pluck().get()) : 0;
    } catch {
      return null;
    } finally {
      client?.close();
    }
  }
  if (location === ':memory:') return 0;
  const file = resolve(location);
  if (!existsSync(file)) return 0;
  let client: Database.Database | null = null;
  try {
    // Read-write by default although nothing is written: a WAL file whose -shm is gone cannot be opened read-only.
    client = new Database(file, { fileMustExist: true, readonly: Boolean(options.readonly), timeout: BUSY_TIMEOUT_MS });
    const present = client.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(MIGRATIONS_TABLE);
    return present ? Number(client.prepare(`select count(*) from "${MIGRATIONS_TABLE}"`).pluck().get()) : 0;
  } catch {
    return null;
  } finally {
    client?.close();
  }
}

/**
 * `repwatch migrate`: brings the database to this version's schema. openDb
 * already migrates on every open (under an advisory lock on PostgreSQL); this
 * does it on purpose, before a deploy, and says how much it did.
 */
export function migrateDatabase(location: string): MigrateReport {
  const dialect = dialectOf(location);
  const before = appliedMigrations(location);
  const db = openDb(location);
  let after: number;
  try {
    after = Number(db.$client.prepare(`select count(*) from "${MIGRATIONS_TABLE}"`).pluck().get());
  } catch (cause) {
    throw storageError(displayLocation(location), 'read the migrations of', cause);
  } finally {
    closeDb(db);
  }
  return { database: displayLocation(location), dialect, applied: Math.max(0, after - (before ?? 0)), migrations: knownMigrations(dialect) };
}
