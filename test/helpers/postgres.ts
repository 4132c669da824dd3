import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDefaultUser } from '../../src/store/pg/url.ts';

/** The PostgreSQL the tests use; every test works in a schema of its own inside it. */
export const PG_URL = process.env.REPWATCH_TEST_PG_URL ?? 'postgres://127.0.0.1:5432/test';


async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: withDefaultUser(PG_URL), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message || String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

const problem = await reachable();
if (problem && process.env.CI) {
  // CI must not pass by skipping: PostgreSQL is part of the machine (README, "PostgreSQL").
  throw new Error(`PostgreSQL is required in CI but ${PG_URL} is not reachable: ${problem}`);
}

/** Why the PostgreSQL tests are skipped on this machine, or null when they run. */
export const pgSkipReason: string | null = problem ? `PostgreSQL at ${PG_URL} is not reachable (${problem}); start it (README, "PostgreSQL") or set REPWATCH_TEST_PG_URL` : null;
if (pgSkipReason) process.stderr.write(`skipping PostgreSQL tests: ${pgSkipReason}\n`);

/** A fresh schema name; repwatch creates it on first open. */
export function freshSchema(prefix = 'rwt'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** A repwatch database location (postgres URL) in a schema of its own. */
export function pgLocation(schema = freshSchema()): string {
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** Drops the schema (and pg-boss's, when there is one) a test used. */
export async function dropSchema(location: string): Promise<void> {
  const schema = new URL(location).searchParams.get('schema');
  if (!schema) return;
  const client = new pg.Client({ connectionString: withDefaultUser(PG_URL) });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.query(`drop schema if exists "${schema}_boss" cascade`);
  } finally {
    await client.end();
  }
}

/** Runs SQL against the test server directly (for checks a test makes behind repwatch's back). */
export async function pgQuery<T = Record<string, unknown>>(location: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const schema = new URL(location).searchParams.get('schema');
  const client = new pg.Client({ connectionString: withDefaultUser(PG_URL) });
  await client.connect();
  try {
    if (schema) await client.query(`set search_path to "${schema}"`);
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
