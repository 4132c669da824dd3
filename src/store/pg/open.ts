import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { storageError } from '../errors.ts';
import { PgDatabase } from './database.ts';
import { parsePgLocation } from './url.ts';

export { isPostgresUrl } from './url.ts';

export const pgMigrationsFolder = fileURLToPath(new URL('../migrations-pg', import.meta.url));

/**
 * A PostgreSQL database behind drizzle's better-sqlite3 driver: the queries
 * the code builds are SQL both engines read (see translate.ts), and the schema
 * is created by the pg-dialect migrations in src/store/migrations-pg.
 * Several workers start at once: an advisory lock lets one migrate while the
 * others wait, then find nothing left to do.
 */
export function openPostgres<S extends Record<string, unknown>>(location: string, schema: S) {
  const where = parsePgLocation(location);
  let client: PgDatabase;
  try {
    // Named per process, so pg_stat_activity tells the workers of a fleet apart.
    client = new PgDatabase({ url: where.url, searchPath: where.schema, displayName: where.display, applicationName: `repwatch:${process.pid}` });
  } catch (cause) {
    throw storageError(where.display, 'open', cause);
  }
  const db = drizzle(client as unknown as Database.Database, { schema });
  try {
    const lock = client.prepare('select pg_advisory_lock(hashtext(?))');
    const key = `repwatch:migrate:${client.schema}`;
    lock.get(key);
    try {
      migrate(db, { migrationsFolder: pgMigrationsFolder });
    } finally {
      client.prepare('select pg_advisory_unlock(hashtext(?))').get(key);
    }
  } catch (cause) {
    client.close();
    throw storageError(where.display, 'migrate', cause);
  }
  return db;
}

