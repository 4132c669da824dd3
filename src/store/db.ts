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

/** Opens (creating if needed) the SQLite file, sets WAL and a busy timeout, and applies migrations. */
export function openDb(path: string): Db {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let client: Database.Database;
  try {
    client = new Database(file);
    client.pragma('journal_mode = WAL');
    client.pragma('busy_timeout = 5000');
    client.pragma('synchronous = NORMAL');
    client.pragma('foreign_keys = ON');
  } catch (cause) {
    throw new StorageError(`cannot open database ${file}: ${(cause as Error).message}. Check the path and its permissions, or pass another with --db.`, file, { cause });
  }
  const db = drizzle(client, { schema });
  try {
    migrate(db, { migrationsFolder });
  } catch (cause) {
    client.close();
    throw new StorageError(`cannot migrate database ${file}: ${(cause as Error).message}. Is it a repwatch database? Restore a backup or pass another with --db.`, file, { cause });
  }
  return db;
}

export function closeDb(db: Db): void {
  db.$client.close();
}

export function isoNow(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}
