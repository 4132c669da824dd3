import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lastJsonLine, repwatch } from '../helpers/cli.ts';
import { dropSchema, pgLocation, pgQuery, pgSkipReason } from '../helpers/postgres.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

function journalLength(folder: string): number {
  const journal = JSON.parse(readFileSync(new URL(`../../src/store/${folder}/meta/_journal.json`, import.meta.url), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

describe('repwatch migrate on SQLite', () => {
  it('applies every migration to a new file, then none', async () => {
    const file = join(tempDir(), 'fresh.db');
    const total = journalLength('migrations');
    const first = await repwatch(['migrate', '--db', file, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(lastJsonLine(first.stdout)).toEqual({ database: file, dialect: 'sqlite', applied: total, migrations: total });
    const second = await repwatch(['migrate', '--db', file, '--json']);
    expect(lastJsonLine(second.stdout)).toEqual({ database: file, dialect: 'sqlite', applied: 0, migrations: total });
    const text = await repwatch(['migrate', '--db', file]);
    expect(text.stdout).toBe(`${file} (sqlite) is up to date: ${total} migrations\n`);
  }, 120_000);

  it('reports a file that is not a database as a storage error', async () => {
    const file = join(tempDir(), 'junk.db');
    writeFileSync(file, 'this is not a database, it is a grocery list '.repeat(200));
    const run = await repwatch(['migrate', '--db', file, '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^repwatch: cannot open database .*junk\.db: .*not a SQLite database/);
  });
});

describe.skipIf(pgSkipReason !== null)('repwatch migrate on PostgreSQL', () => {
  const schemas: string[] = [];
  afterEach(async () => {
    for (const location of schemas.splice(0)) await dropSchema(location);
  }, 120_000);

  it('applies every migration to a new schema, then none, and hides the password', async () => {
    const location = pgLocation();
    schemas.push(location);
    const total = journalLength('migrations-pg');
    const first = await repwatch(['migrate', '--db', location, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(lastJsonLine(first.stdout)).toEqual({ database: location, dialect: 'postgres', applied: total, migrations: total });
    expect((await pgQuery<{ n: string }>(location, 'select count(*) as n from __drizzle_migrations'))[0]?.n).toBe(String(total));
    // REPWATCH_DATABASE_URL is how a deployment names it.
    const second = await repwatch(['migrate', '--json'], { env: { REPWATCH_DATABASE_URL: location } });
    expect(second.code, second.stderr).toBe(0);
    expect(lastJsonLine(second.stdout)).toEqual({ database: location, dialect: 'postgres', applied: 0, migrations: total });

    const withPassword = new URL(location);
    withPassword.password = 'hunter2';
    const text = await repwatch(['migrate', '--db', withPassword.toString()]);
    expect(`${text.stdout}${text.stderr}`).not.toContain('hunter2');
  }, 120_000);

  it('reports an unreachable server with the fix, exit 2', async () => {
    const run = await repwatch(['migrate', '--db', 'postgres://someone:secret@127.0.0.1:1/test?schema=nowhere', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^repwatch: cannot open PostgreSQL database postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/test\?schema=nowhere: .*nothing answers there/);
    expect(run.stderr).not.toContain('secret');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});
