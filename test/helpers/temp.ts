import { openDb, type Db } from '../../src/store/db.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh folder per test, removed afterwards: every test gets its own real SQLite file. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'repwatch-test-'));
    dirs.push(dir);
    return dir;
  };
}

export function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/**
 * Where a test keeps its database: a SQLite file in `dir`, or, in the
 * PostgreSQL run of the suite (REPWATCH_TEST_DB=postgres, see vitest.config.ts),
 * a fresh schema on the test server, dropped by test/helpers/pg-global.ts.
 */
export function dbLocation(dir: string, name = 'repwatch.db'): string {
  if (process.env.REPWATCH_TEST_DB !== 'postgres') return join(dir, name);
  const url = new URL(process.env.REPWATCH_TEST_PG_URL ?? 'postgres://127.0.0.1:5432/test');
  url.searchParams.set('schema', `rwt_suite_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`);
  return url.toString();
}

/** A connection for a test's own checks behind repwatch's back, on either engine (read-only on SQLite). */
export function checkDb(location: string): Db['$client'] {
  return openDb(location, { readonly: true }).$client;
}
