import pg from 'pg';
import { withDefaultUser } from '../../src/store/pg/url.ts';

/** The PostgreSQL the benchmarks use: REPWATCH_TEST_PG_URL, as the tests, else the local `test` database. */
export const BENCH_PG_URL = process.env.REPWATCH_TEST_PG_URL ?? 'postgres://127.0.0.1:5432/test';

/** null when the server answers; else why not, so a benchmark that needs it can say why it skipped. */
export async function pgReachable(url = BENCH_PG_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: withDefaultUser(url), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return `PostgreSQL at ${url} is not reachable (${(e as Error).message}); start it or set REPWATCH_TEST_PG_URL`;
  } finally {
    await client.end().catch(() => undefined);
  }
}
