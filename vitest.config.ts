import { createConnection } from 'node:net';
import { defineConfig } from 'vitest/config';

/** Test files that run a second time with their database on PostgreSQL (test/helpers/temp.ts, dbLocation). */
const onBothEngines = [
  'test/store/mentions.test.ts',
  'test/pipeline/*.test.ts',
  'test/act/*.test.ts',
  'test/schedule/scheduler.test.ts',
  'test/serve/api.test.ts',
  'test/serve/rollups.test.ts',
  'test/e2e/cli.test.ts',
];

const pgUrl = new URL(process.env.REPWATCH_TEST_PG_URL ?? 'postgres://127.0.0.1:5432/test');

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

// In CI the PostgreSQL run is always on, so a missing server fails instead of skipping.
const pgUp = Boolean(process.env.CI) || (await reachable(pgUrl.hostname, Number(pgUrl.port || 5432)));
if (!pgUp) process.stderr.write(`skipping the PostgreSQL run of the suite: nothing answers at ${pgUrl.host} (README, "PostgreSQL")\n`);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser and server tests share two cores; files run in parallel, tests in a file in order.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts', 'scrapers/**/*.test.ts'] } },
      ...(pgUp
        ? [{ extends: true as const, test: { name: 'postgres', include: onBothEngines, env: { REPWATCH_TEST_DB: 'postgres' }, globalSetup: ['test/helpers/pg-global.ts'] } }]
        : []),
    ],
  },
});
