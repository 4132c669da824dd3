import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from './db.ts';
import { isPostgresUrl } from './pg/url.ts';

export interface BackupResult {
  source: string;
  file: string;
  bytes: number;
  pages: number;
  seconds: number;
  integrity: 'ok';
  mentions: number;
}

/**
 * A consistent copy of a live database with SQLite's online backup API
 * (better-sqlite3 `db.backup`), safe while the worker writes: after a first
 * zero-page step the whole file is copied in ONE step, which holds a single
 * read transaction, so the copy is the database as of one commit. The copy is
 * written beside the target as `.partial`, checked with integrity_check, and
 * only then renamed into place.
 */
export async function backupDatabase(sourcePath: string, destPath: string): Promise<BackupResult> {
  if (isPostgresUrl(sourcePath)) {
    throw new StorageError(`repwatch backup copies a SQLite file; for PostgreSQL use the server's own tools, e.g. \`pg_dump --format=custom --file ${destPath} DBNAME\` (add --schema NAME for a ?schema= install)`, destPath);
  }
  const source = resolve(sourcePath);
  const file = resolve(destPath);
  const started = performance.now();
  if (!existsSync(source)) throw new StorageError(`no database at ${source}: pass the one to back up with --db (or set REPWATCH_DB)`, source);
  if (file === source) throw new StorageError(`the backup must not overwrite the database itself (${source}); name another file`, file);
  if (existsSync(file)) throw new StorageError(`${file} already exists; remove it or name another file, a backup never overwrites one`, file);
  if (!existsSync(dirname(file))) throw new StorageError(`cannot write the backup: folder ${dirname(file)} does not exist`, file);

  let db: Database.Database;
  try {
    db = new Database(source, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (cause) {
    throw new StorageError(`cannot open database ${source} to back it up: ${(cause as Error).message}`, source, { cause });
  }
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  let pages = 0;
  try {
    const progress = await db.backup(partial, { progress: () => 0x7fffffff });
    pages = progress.totalPages;
  } catch (cause) {
    rmSync(partial, { force: true });
    throw new StorageError(`backup of ${source} to ${file} failed: ${(cause as Error).message}. Check free space and permissions, then run it again.`, file, { cause });
  } finally {
    db.close();
  }

  let mentions = 0;
  try {
    const copy = new Database(partial, { fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`integrity_check said: ${String(check)}`);
      mentions = Number(copy.prepare('select count(*) from mentions').pluck().get() ?? 0);
      // The copy stands alone: fold any WAL it grew back into the one file.
      copy.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      copy.close();
    }
  } catch (cause) {
    rmSync(partial, { force: true });
    throw new StorageError(`the backup of ${source} did not verify (${(cause as Error).message}); nothing was written to ${file}. Run it again.`, file, { cause });
  }
  renameSync(partial, file);
  for (const extra of ['-wal', '-shm']) rmSync(`${partial}${extra}`, { force: true });
  return { source, file, bytes: statSync(file).size, pages, seconds: (performance.now() - started) / 1000, integrity: 'ok', mentions };
}
