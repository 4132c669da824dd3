import pg from 'pg';
import { withDefaultUser } from '../../src/store/pg/url.ts';

/**
 * globalSetup of the PostgreSQL project: fails at once, naming the server, when
 * it is down in CI, and drops the schemas the suite's tests created.
 */
const url = () => withDefaultUser(process.env.REPWATCH_TEST_PG_URL ?? 'postgres://127.0.0.1:5432/test');

async function dropSuiteSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("select nspname as name from pg_namespace where nspname like 'rwt\\_suite\\_%'");
    for (const { name } of rows) await client.query(`drop schema if exists "${name}" cascade`);
  } finally {
    await client.end();
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  await dropSuiteSchemas();
  return dropSuiteSchemas;
}
