import Database from 'better-sqlite3';
import { getTableName, is, SQL, type Table } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { getTableConfig as pgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { withDefaultUser } from '../../src/store/pg/url.ts';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pgSchema from '../../src/store/schema-pg.ts';
import * as sqliteSchema from '../../src/store/schema.ts';

const sqliteMigrations = fileURLToPath(new URL('../../src/store/migrations', import.meta.url));
const pgMigrations = fileURLToPath(new URL('../../src/store/migrations-pg', import.meta.url));

const pgUrl = withDefaultUser(process.env.REPWATCH_TEST_PG_URL ?? 'postgres://127.0.0.1:5432/test');

async function pgUnreachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgDown = await pgUnreachable();
const skipPg = pgDown !== null && !process.env.CI;
if (skipPg) console.warn(`pg-schema.test.ts: skipping the PostgreSQL checks, nothing usable at ${pgUrl}: ${pgDown}`);

/** Every table, column, key and index of one schema as comparable lines, by table name. */
type Shape = Map<string, string[]>;

const colType: Record<string, string> = {
  SQLiteText: 'text', SQLiteTextJson: 'text', SQLiteInteger: 'integer', SQLiteBoolean: 'integer', SQLiteReal: 'double',
  // SQLite integers are 64-bit: a pg bigint column (epoch milliseconds) is the same kind.
  PgText: 'text', PgInteger: 'integer', PgBigInt53: 'integer', PgDoublePrecision: 'double',
};

function defaultOf(value: unknown): string {
  if (value === undefined) return '';
  // Only the timestamp defaults are SQL; their text differs by dialect on purpose.
  if (is(value, SQL)) return ' default <now>';
  if (typeof value === 'boolean') return ` default ${Number(value)}`;
  return ` default ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`;
}

/** What getTableConfig gives in both dialects, as far as this comparison reads it. */
interface TableConfigLike {
  name: string;
  columns: {
    name: string; columnType: string; notNull: boolean; default: unknown; primary: boolean; isUnique: boolean; uniqueName: string | undefined;
    autoIncrement?: boolean; generatedIdentity?: { type: string };
  }[];
  primaryKeys: { columns: { name: string }[] }[];
  uniqueConstraints: { name?: string | undefined; columns: { name: string }[] }[];
  indexes: { config: { name?: string | undefined; unique: boolean; columns: object[]; where?: SQL | undefined } }[];
  foreignKeys: { onDelete?: string | undefined; onUpdate?: string | undefined; reference: () => { columns: { name: string }[]; foreignTable: Table; foreignColumns: { name: string }[] } }[];
}

function describeTable(c: TableConfigLike, render: (where: SQL) => string): string[] {
  const names = (cols: object[]) => cols.map((col) => ('name' in col && typeof col.name === 'string' ? col.name : '<sql>')).join(',');
  const identity = (col: TableConfigLike['columns'][number]) => col.autoIncrement === true || col.generatedIdentity?.type === 'byDefault';
  return [
    ...c.columns.map((col) => `column ${col.name} ${colType[col.columnType] ?? col.columnType}${col.notNull ? ' not null' : ''}${defaultOf(col.default)}${identity(col) ? ' identity' : ''}`),
    `primary key ${names([...c.columns.filter((col) => col.primary), ...c.primaryKeys.flatMap((pk) => pk.columns)])}`,
    ...c.columns.filter((col) => col.isUnique).map((col) => `unique ${col.uniqueName}(${col.name})`),
    ...c.uniqueConstraints.map((u) => `unique ${u.name}(${names(u.columns)})`),
    ...c.indexes.map((i) => `${i.config.unique ? 'unique index' : 'index'} ${i.config.name}(${names(i.config.columns)})${i.config.where ? ` where ${render(i.config.where)}` : ''}`),
    ...c.foreignKeys.map((fk) => {
      const r = fk.reference();
      return `foreign key (${names(r.columns)}) references ${getTableName(r.foreignTable)}(${names(r.foreignColumns)}) on delete ${fk.onDelete ?? 'no action'} on update ${fk.onUpdate ?? 'no action'}`;
    }),
  ].sort();
}

function sqliteShape(): Shape {
  const dialect = new SQLiteSyncDialect();
  const tables = (Object.values(sqliteSchema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable));
  return new Map(tables.map((t) => [getTableName(t), describeTable(sqliteTableConfig(t), (w) => dialect.sqlToQuery(w).sql)]));
}

function pgShape(): Shape {
  const dialect = new PgDialect();
  const tables = (Object.values(pgSchema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));
  return new Map(tables.map((t) => [getTableName(t), describeTable(pgTableConfig(t), (w) => dialect.sqlToQuery(w).sql)]));
}

describe('schema-pg.ts mirrors schema.ts', () => {
  it('has the same tables, columns, types, keys, indexes and foreign keys', () => {
    const sqlite = sqliteShape();
    const postgres = pgShape();
    expect([...postgres.keys()].sort()).toEqual([...sqlite.keys()].sort());
    for (const [name, lines] of sqlite) expect(postgres.get(name), name).toEqual(lines);
  });
});

function pgMigrationStatements(): string[] {
  const journal = JSON.parse(readFileSync(`${pgMigrations}/meta/_journal.json`, 'utf8')) as { entries: { idx: number; tag: string }[] };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .flatMap((e) => readFileSync(`${pgMigrations}/${e.tag}.sql`, 'utf8').split('--> statement-breakpoint'))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A connection whose search_path is a new schema holding the migrated tables. */
async function migratedSchema(): Promise<{ client: pg.Client; schema: string; drop: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  const schema = `rwt_pgschema_${randomBytes(6).toString('hex')}`;
  await client.query(`create schema "${schema}"`);
  await client.query(`set search_path to "${schema}"`);
  const drop = async () => {
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  };
  try {
    for (const statement of pgMigrationStatements()) await client.query(statement);
  } catch (e) {
    await drop();
    throw e;
  }
  return { client, schema, drop };
}

function migratedSqlite(): Database.Database {
  const client = new Database(':memory:');
  client.pragma('foreign_keys = ON');
  migrate(drizzle(client), { migrationsFolder: sqliteMigrations });
  return client;
}

describe.skipIf(skipPg)('PostgreSQL migrations', () => {
  beforeAll(() => {
    if (pgDown !== null) throw new Error(`PostgreSQL is required in CI (REPWATCH_TEST_PG_URL, ${pgUrl}): ${pgDown}`);
  });

  it('apply in a non-public schema and create every table, index and trigger SQLite has', async () => {
    for (const statement of pgMigrationStatements()) expect(statement).not.toContain('"public".');
    const { client, schema, drop } = await migratedSchema();
    try {
      const names = async (sql: string) => (await client.query<{ name: string }>(sql, [schema])).rows.map((r) => r.name).sort();
      const sqlite = migratedSqlite();
      const sqliteNames = (type: string) =>
        sqlite.prepare<[string], string>("select name from sqlite_master where type = ? and name not like 'sqlite\\_%' escape '\\' and name <> '__drizzle_migrations' order by name").pluck().all(type);
      expect(await names('select table_name as name from information_schema.tables where table_schema = $1')).toEqual(sqliteNames('table'));
      // Beside SQLite's triggers, PostgreSQL has one `<table>_fill_id` per identity table (0002_sqlite_compat).
      const pgTriggers = await names('select distinct trigger_name as name from information_schema.triggers where trigger_schema = $1');
      expect(pgTriggers.filter((n) => !n.endsWith('_fill_id'))).toEqual(sqliteNames('trigger'));
      const pgIndexes = await names('select indexname as name from pg_indexes where schemaname = $1');
      for (const index of sqliteNames('index')) expect(pgIndexes).toContain(index);
      sqlite.close();
    } finally {
      await drop();
    }
  });
});

type Param = string | number | null;
type Step = [sql: string, params?: Param[]];

const seen = '2024-01-20T00:00:00.000Z';
const mention = (id: number, source: string, publishedAt: string | null, rating: number | null, location: string | null, removed = 0, duplicateOf: number | null = null): Step => [
  'insert into mentions (id, source, external_id, target_id, text, content_hash, first_seen_at, last_seen_at, published_at, rating, location, removed, duplicate_of) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  [id, source, `ext-${id}`, 'shop', 'text', `hash-${id}`, seen, seen, publishedAt, rating, location, removed, duplicateOf],
];
const revision = (id: number, mentionId: number, rev = 1): Step => ['insert into mention_revisions (id, mention_id, revision, content_hash, text, seen_at) values (?, ?, ?, ?, ?, ?)', [id, mentionId, rev, `h${id}`, 't', seen]];
const analysis = (id: number, mentionId: number, revisionId: number, tags: string): Step => ['insert into analyses (id, mention_id, revision_id, lang, label, reasons, tags) values (?, ?, ?, ?, ?, ?, ?)', [id, mentionId, revisionId, 'en', 'negative', '[]', tags]];
const flag = (id: number, mentionId: number, rule: string): Step => ['insert into flags (id, mention_id, rule_id, revision_id, priority, reason, tags) values (?, ?, ?, 1, ?, ?, ?)', [id, mentionId, rule, 'high', 'r', '[]']];
const task = (id: number, mentionId: number, flagId: number, rule: string, createdAt: string): Step => ['insert into tasks (id, flag_id, mention_id, rule_id, priority, due_at, created_at) values (?, ?, ?, ?, ?, ?, ?)', [id, flagId, mentionId, rule, 'high', '2024-03-01T00:00:00.000Z', createdAt]];

const phases: Record<string, Step[]> = {
  'mentions across a week boundary, with odd dates, ratings and locations': [
    ["insert into targets (id, source) values ('shop', 'google')"],
    mention(1, 'google', '2024-01-07T10:00:00.000Z', 1, 'Berlin'),
    mention(2, 'google', '2024-01-08T09:00:00.000Z', 5, null),
    mention(3, 'yelp', '2024-01-08T23:30:00-02:00', null, 'Berlin'),
    mention(4, 'google', '2024-01-07T12:00:00.000Z', 3, 'Berlin'),
    mention(5, 'google', '2024-01-07T13:00:00.000Z', 2, 'Berlin', 1),
    mention(6, 'google', '2024-01-07T14:00:00.000Z', 1, 'Berlin', 0, 1),
    mention(7, 'google', null, 4, null),
    mention(8, 'yelp', 'yesterday', 2, 'Munich'),
    mention(9, 'google', '2024-01-01T00:30:00+01:00', 2.5, null),
    mention(10, 'yelp', '2024-01-14T08:00:00.000Z', 4, 'Munich'),
  ],
  'analyses and tasks': [
    ...[1, 2, 3, 4, 8, 9, 10].map((id) => revision(id, id)),
    ...[1, 2, 3, 4, 8, 9, 10].map((id) => flag(id, id, 'neg')),
    analysis(1, 1, 1, '["slow","rude"]'),
    analysis(2, 2, 2, '[]'),
    analysis(3, 3, 3, '["slow"]'),
    analysis(4, 4, 4, '["dirty","slow","slow"]'),
    analysis(8, 8, 8, '["rude"]'),
    analysis(9, 9, 9, 'not json'),
    task(1, 1, 1, 'neg', '2024-01-05T08:00:00.000Z'),
    task(2, 2, 2, 'neg', '2024-01-09T08:00:00.000Z'),
    task(3, 3, 3, 'neg', '2024-02-01T08:00:00.000Z'),
    task(4, 4, 4, 'neg', '2024-01-07T20:00:00.000Z'),
    task(8, 8, 8, 'neg', '2024-01-10T08:00:00.000Z'),
    task(9, 9, 9, 'neg', '2024-01-10T08:00:00.000Z'),
    task(10, 10, 10, 'neg', '2024-01-20T08:00:00.000Z'),
    analysis(10, 10, 10, '{"a":"price","b":"slow"}'),
  ],
  updates: [
    flag(12, 1, 'neg2'),
    task(12, 1, 12, 'neg2', '2024-01-03T00:00:00.000Z'),
    revision(11, 4, 2),
    analysis(11, 4, 11, '["noise"]'),
    ['update analyses set tags = ? where id = 1', ['["slow","price"]']],
    ['update tasks set created_at = ? where id = 3', ['2024-01-02T00:00:00.000Z']],
    ["update tasks set mention_id = 2, rule_id = 'moved' where id = 10"],
    ['update mentions set rating = 4 where id = 1'],
    ['update mentions set location = null where id = 4'],
    ['update mentions set removed = 1 where id = 3'],
    ['update mentions set published_at = ? where id = 2', ['2024-01-15T10:00:00.000Z']],
    ['update mentions set published_at = ? where id = 8', ['2024-01-09T10:00:00.000Z']],
    ['update mentions set published_at = ? where id = 9', ['not a date']],
    ['update mentions set duplicate_of = null where id = 6'],
    ["update mentions set source = 'google-maps' where source = 'google'"],
    ["update mentions set title = 'x', rating = rating where id = 4"],
    ['update analyses set mention_id = 8 where id = 4'],
  ],
  deletes: [
    ['delete from tasks where id = 1'],
    ['delete from analyses where id = 11'],
    ['delete from tasks where mention_id = 8'],
    ['delete from mentions where id = 6'],
    ['delete from tasks where mention_id = 2'],
    ['delete from flags where mention_id = 2'],
    ['delete from analyses where mention_id = 2'],
    ['delete from mention_revisions where mention_id = 2'],
    ['delete from mentions where id in (2, 7)'],
  ],
};

const firstPhase = Object.keys(phases)[0];

const rollupQueries = {
  mention_daily: 'select day, week, source, location, located, volume, rated, rating_sum, negatives, positives from mention_daily',
  negative_tag_state: 'select mention_id, day, eff_day, week, source, location, tags from negative_tag_state',
  negative_tag_daily: 'select day, eff_day, week, source, tag, negatives from negative_tag_daily',
};

const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => Object.values(r)).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
const toPg = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

describe.skipIf(skipPg)('PostgreSQL rollup triggers', () => {
  let target: Awaited<ReturnType<typeof migratedSchema>> | undefined;
  let sqlite: Database.Database | undefined;
  const pgClient = () => target?.client ?? expect.unreachable('no PostgreSQL connection');

  beforeAll(async () => {
    if (pgDown !== null) throw new Error(`PostgreSQL is required in CI (REPWATCH_TEST_PG_URL, ${pgUrl}): ${pgDown}`);
    target = await migratedSchema();
    sqlite = migratedSqlite();
  });
  afterAll(async () => {
    sqlite?.close();
    await target?.drop();
  });

  it('rollup_week reads dates like SQLite date(x, \'-6 days\', \'weekday 1\')', async () => {
    const inputs = [
      '2024-01-01', '2024-01-07T23:59:59.999Z', '2024-01-08', '2024-01-07T24:00', '2024-02-30', '2024-02-31T10:00:00Z', '2024-01-01T01:00:00+02:00',
      '2024-01-07T23:00:00-02:00', '2024-01-08T00:30+01:00', '2024-01-05 ', '2024-01-05\t', '2024-01-05x', '2024-01-05TT10:00', '2024-01-05 10:00:05.123456 +01:00 ',
      '2024-01-05T25:00', '2024-01-05T10:00+14:59', '2024-01-05T10:00+15:00', '2024-01-05T10:00 Z ', '2024-01-05T10:00z', '2024-01-05T10:00:5',
      '2024-01-05T10:00:05.', '2024-01-05T10:00.5', '2024-01-05T10:00:05+0100', '2024-01-05T10:00:60', '10:00', '23:30-05:00', '2024', '12', '  2460000.5 ', '1e3',
      '1e', '.5', '+5', '0', '1e0003', '2460000.5e+00000', '1e99999', '1e-99999', '5.e5', '5373484.4', '5373484.5', '-2024-01-05', '0000-01-01', '-4713-11-30T12:00', '-4714-01-01', '9999-12-31', '2024-1-05', '2024-01-00',
      '2024-13-01', '', ' 2024-01-05', 'yesterday', '2024-01-05\u00a0', '１',
    ];
    for (const x of inputs) {
      const expected = sqlite?.prepare<[string], string>("select coalesce(date(?, '-6 days', 'weekday 1'), '')").pluck().get(x);
      const { rows } = await pgClient().query<{ w: string }>('select rollup_week($1) as w', [x]);
      expect(rows[0]?.w, JSON.stringify(x)).toBe(expected);
    }
  });

  it('rollup_json_values yields what SQLite json_each does, and nothing for invalid JSON', async () => {
    const docs = ['["a","b","a"]', '[]', '{"k":"v","k2":"w"}', '"solo"', '[true,false,null,1,2.5,-3]', '["\\u00e9\\"q"]', 'not json', '', '{"a":1', '[1,]'];
    for (const doc of docs) {
      const expected = sqlite?.prepare<[string, string], string | null>('select cast(value as text) from json_each(?) where json_valid(?)').pluck().all(doc, doc);
      const { rows } = await pgClient().query<{ v: string | null }>('select v from rollup_json_values($1) v', [doc]);
      expect(rows.map((r) => r.v).sort(), doc).toEqual([...(expected ?? [])].sort());
    }
  });

  it('keeps mention_daily and the negative tag tables exactly as SQLite does, phase by phase', async () => {
    for (const [phase, steps] of Object.entries(phases)) {
      for (const [sql, params = []] of steps) {
        sqlite?.prepare(sql).run(...params);
        await pgClient().query(toPg(sql), params);
      }
      for (const [table, query] of Object.entries(rollupQueries)) {
        const expected = sorted(sqlite?.prepare<[], Record<string, unknown>>(query).all() ?? []);
        expect(sorted((await pgClient().query<Record<string, unknown>>(query)).rows), `${table} after ${phase}`).toEqual(expected);
        // Guards against comparing two empty tables: only the first phase has no negatives yet.
        if (table === 'mention_daily' || phase !== firstPhase) expect(expected.length, `${table} after ${phase}`).toBeGreaterThan(0);
      }
    }
  });
});
