import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export class StorageError extends Error {
  constructor(message: string, readonly path: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

const BUSY_TIMEOUT_MS = 5000;

/**
 * What a SQLite failure means for the user, by its code: a lock held by someone
 * else, a file that cannot be written, a file that is not (or no longer) a database.
 */
export function storageError(file: string, doing: string, cause: unknown): StorageError {
  if (cause instanceof StorageError) return cause;
  const code = String((cause as { code?: unknown }).code ?? '');
  const message = (cause as Error).message;
  const advice = code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
    ? `it is locked by another process for longer than the ${BUSY_TIMEOUT_MS / 1000} s busy timeout. Stop the other writer (a second \`repwatch run\` on the same file?) or retry when it is done.`
    : code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH'
      ? 'the file or its folder cannot be written (permissions, a read-only mount). Check `ls -l` on both, or pass another path with --db.'
      : code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')
        ? 'the disk is full or failing. Free some space and retry; nothing half-written was kept (each page is one transaction).'
        : code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')
          ? 'it is not a SQLite database or it is damaged. Restore the last `repwatch backup` copy, or pass another file with --db.'
          : 'Check the path and its permissions, or pass another with --db.';
  return new StorageError(`cannot ${doing} database ${file}: ${message}${code ? ` (${code})` : ''}; ${advice}`, file, { cause });
}

export interface OpenOptions {
  /** Open without writing (SQLite read-only mode): for inspection, and how tests simulate an unwritable file as root. */
  readonly?: boolean;
}

/** Opens (creating if needed) the SQLite file, sets WAL and a busy timeout, and applies migrations. */
export function openDb(path: string, options: OpenOptions = {}): Db {
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
