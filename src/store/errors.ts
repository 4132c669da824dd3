import { PgError } from './pg/bridge.ts';

export class StorageError extends Error {
  constructor(message: string, readonly path: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export const BUSY_TIMEOUT_MS = 5000;

/**
 * What a SQLite failure means for the user, by its code: a lock held by someone
 * else, a file that cannot be written, a file that is not (or no longer) a database.
 */
export function storageError(file: string, doing: string, cause: unknown): StorageError {
  if (cause instanceof StorageError) return cause;
  if (cause instanceof PgError) return pgStorageError(file, doing, cause);
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

/** What a PostgreSQL failure means for the user, by its SQLSTATE or socket code. */
export function pgStorageError(name: string, doing: string, cause: PgError): StorageError {
  const code = cause.code ?? '';
  const advice = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '57P03'
    ? 'nothing answers there. Start PostgreSQL (README, "PostgreSQL") or fix the host and port in REPWATCH_DATABASE_URL.'
    : code === '28P01' || code === '28000'
      ? 'the server refused the user or password. Fix them in REPWATCH_DATABASE_URL, or allow the user in pg_hba.conf.'
      : code === '3D000'
        ? 'that database does not exist. Create it (`createdb NAME`) or name another in REPWATCH_DATABASE_URL.'
        : code === '42501'
          ? 'the user may not do this. Grant it rights on the database and schema, or connect as the owner.'
          : code === '53100' || code === '53200'
            ? 'the server is out of disk or memory. Free some and retry; nothing half-written was kept (each page is one transaction).'
            : 'Check REPWATCH_DATABASE_URL and the server log.';
  return new StorageError(`cannot ${doing} PostgreSQL database ${name}: ${cause.message}${code ? ` (${code})` : ''}; ${advice}`, name, { cause });
}

