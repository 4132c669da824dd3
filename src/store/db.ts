import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';
import { BUSY_TIMEOUT_MS, storageError, StorageError } from './errors.ts';
import { openPostgres, isPostgresUrl } from './pg/open.ts';

export { BUSY_TIMEOUT_MS, StorageError, storageError } from './errors.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface OpenOptions {
  /** Open without writing (SQLite read-only mode): for inspection, and how tests simulate an unwritable file as root. */
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the SQLite file, sets WAL and a busy timeout, and
 * applies migrations; or, for a postgres:// URL, the PostgreSQL database.
 */
export function openDb(path: string, options: OpenOptions = {}): Db {
  if (isPostgresUrl(path)) return openPostgres(path, schema) as unknown as Db;
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true });
  let client: Database.Database;
  try {
    client = new Database(file, options.readonly ? { readonly: true, fileMustExist: true } : {});
    client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    client.pragma('journal_mode = WAL');
    client.pragma('synchronous = NORMAL');
    client.pragma('foreign_keys = ON');
    // Reading the schema is the first thing that fails on a file that is not a database.
    client.prepare('select count(*) from sqlite_master').get();
  } catch (cause) {
    throw storageError(file, 'open', cause);
  }
  cacheStatements(client);
  const db = drizzle(client, { schema });
  try {
    migrate(db, { migrationsFolder });
  } catch (cause) {
    client.close();
    const code = String((cause as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_')) throw storageError(file, 'migrate', cause);
    throw new StorageError(`cannot migrate database ${file}: ${(cause as Error).message}. Is it a repwatch database? Restore a backup or pass another with --db.`, file, { cause });
  }
  return db;
}

/**
 * drizzle prepares its SQL again on every query; SQLite's prepare is a good part
 * of the cost of a small query, so each connection keeps its most recent
 * statements by SQL text and hands a statement back in its default mode.
 * A statement that is still iterating is never handed out twice.
 */
function cacheStatements(client: Database.Database, size = 256): void {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, Database.Statement>();
  client.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const stmt = prepare(source);
    if (!hit) {
      cache.set(source, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
    }
    return stmt;
  }) as typeof client.prepare;
}

export function closeDb(db: Db): void {
  db.$client.close();
}

export function isoNow(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}
