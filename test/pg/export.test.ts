import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../src/store/db.ts';
import { upsertMention } from '../../src/store/mentions.ts';
import { encodeValue, firstRollupDifference, rowDigest } from '../../src/store/export/digest.ts';
import { exportPlan, MIGRATIONS_TABLE, type TablePlan } from '../../src/store/export/plan.ts';
import { insertSql, MAX_PARAMETERS, rowsPerStatement } from '../../src/store/export/sql.ts';
import { lastJsonLine, repwatch } from '../helpers/cli.ts';
import { dropSchema, pgLocation, pgQuery, pgSkipReason } from '../helpers/postgres.ts';
import { skipBrowser } from '../helpers/targets.ts';

describe('export plan and SQL', () => {
  it('orders parents before children, rollups last, and keeps every statement under the parameter limit', () => {
    const plan = exportPlan();
    const at = (name: string) => plan.findIndex((t) => t.name === name);
    for (const [parent, child] of [['mentions', 'mention_revisions'], ['mention_revisions', 'analyses'], ['flags', 'tasks'], ['customers', 'tasks'], ['tasks', 'task_events'], ['mentions', 'mention_tags']] as const) {
      expect(at(parent), `${parent} before ${child}`).toBeLessThan(at(child));
    }
    expect(plan.slice(-3).map((t) => t.name).sort()).toEqual(['mention_daily', 'negative_tag_daily', 'negative_tag_state']);
    expect(plan.find((t) => t.name === 'mention_tags')?.orderBy).toEqual(['mention_id', 'tag', 'origin']);
    expect(plan.find((t) => t.name === 'targets')).toMatchObject({ identity: false, orderBy: ['id'] });
    expect(rowsPerStatement(24, 500)).toBe(500);
    expect(rowsPerStatement(200, 500) * 200).toBeLessThanOrEqual(MAX_PARAMETERS);
    expect(rowsPerStatement(70_000, 500)).toBe(1);
    expect(insertSql({ name: 'x', columns: ['a', 'b'] }, 2)).toBe('insert into "x" ("a","b") values (?,?),(?,?)');
  });

  it('encodes values so that no text can pass for another row', () => {
    expect(rowDigest(['text', 'text'], ['a', 'bc'])).not.toBe(rowDigest(['text', 'text'], ['ab', 'c']));
    expect(rowDigest(['text'], [null])).not.toBe(rowDigest(['text'], ['N']));
    expect(encodeValue('text', 'é😀')).toBe('T6:é😀');
    expect(encodeValue('real', 0.1)).toBe('F3fb999999999999a');
    // Text where an integer belongs cannot match anything PostgreSQL stores.
    expect(encodeValue('integer', 'x')).toMatch(/^\?/);
    const table: Pick<TablePlan, 'columns' | 'kinds' | 'orderBy'> = { columns: ['k', 'sum'], kinds: ['text', 'real'], orderBy: ['k'] };
    expect(firstRollupDifference(table, [['a', 0.1 + 0.2 + 0.3]], [['a', 0.3 + 0.2 + 0.1]])).toBeNull();
    expect(firstRollupDifference(table, [['a', 1]], [['a', 2]])).toMatch(/sum is 1 in SQLite but 2/);
  });
});

const plan = exportPlan();

function pgOrder(table: TablePlan): string {
  return table.orderBy.map((c) => `"${c}"${table.kinds[table.columns.indexOf(c)] === 'text' ? ' collate "C"' : ''}`).join(', ');
}

function sqliteRows(file: string, table: TablePlan): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`select ${table.columns.map((c) => `"${c}"`).join(', ')} from "${table.name}" order by ${table.orderBy.map((c) => `"${c}"`).join(', ')}`).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

function pgRows(location: string, table: TablePlan): Promise<Record<string, unknown>[]> {
  return pgQuery(location, `select ${table.columns.map((c) => `"${c}"`).join(', ')} from "${table.name}" order by ${pgOrder(table)}`);
}

/** Row counts of every repwatch table in the target, plus an md5 of all mentions: what "nothing changed" means. */
async function targetState(location: string): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = {};
  for (const table of plan) state[table.name] = Number((await pgQuery<{ n: string }>(location, `select count(*) as n from "${table.name}"`))[0]?.n);
  state.mentionsMd5 = (await pgQuery<{ h: string | null }>(location, 'select md5(string_agg(m::text, \'|\' order by id)) as h from mentions m'))[0]?.h ?? null;
  return state;
}

/** Rows the demo crawl does not produce: odd text, nulls, removed and duplicate mentions, JSON full of quotes, a non-ASCII text key. */
function addEdgeRows(file: string): void {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    db.prepare("insert into targets (id, source, name, health) values ('zürich-🍕', 'google-maps', 'Zürich \"Pizza\" 🍕', 'ok')").run();
    const mention = db.prepare(
      `insert into mentions (source, external_id, target_id, url, author, rating, title, text, lang, published_at, reply, location, content_hash, first_seen_at, last_seen_at, removed, removed_at, fingerprint, duplicate_of, raw)
       values (@source, @ext, 'zürich-🍕', null, @author, @rating, null, @text, 'ru', @published, null, @location, @ext, '2024-03-01T00:00:00.000Z', '2024-03-02T00:00:00.000Z', @removed, @removedAt, null, @duplicateOf, @raw) returning id`,
    );
    const add = (m: { ext: string; rating: number | null; text: string; published: string | null; location?: string | null; removed?: number; duplicateOf?: number | null; raw?: string | null; author?: string | null }) =>
      (mention.get({ source: 'edge', author: m.author ?? null, location: m.location ?? null, removed: m.removed ?? 0, removedAt: m.removed ? '2024-03-05T00:00:00.000Z' : null, duplicateOf: m.duplicateOf ?? null, raw: m.raw ?? null, ...m }) as { id: number }).id;
    const emoji = add({ ext: 'e1', rating: null, text: 'Кофе холодный 😡\n\t"quoted" back\\slash — ünïcödé 𝄞 \'single\'', published: '2024-02-29T23:59:59.999Z', location: 'Zürich', raw: '{"a":"say \\"hi\\"","emoji":"🍕","nested":{"q":"\'"}}', author: 'Zoë "Z" O\'Brien' });
    add({ ext: 'e2', rating: 4.3, text: 'removed one', published: '2024-03-01T10:00:00Z', removed: 1 });
    add({ ext: 'e3', rating: 1.5, text: 'not a date', published: 'yesterday', location: '' });
    add({ ext: 'e4', rating: 2, text: 'a repost', published: '2024-03-03T10:00:00Z', duplicateOf: emoji });
    const negative = add({ ext: 'e5', rating: 1.25, text: 'Ужасно. 💩', published: '2023-12-31T23:00:00Z', location: 'Zürich' });
    const revision = (db.prepare("insert into mention_revisions (mention_id, revision, content_hash, rating, title, text, reply, seen_at) values (?, 1, 'e5', 1.25, null, 'Ужасно. 💩', null, '2024-01-01T00:00:00.000Z') returning id").get(negative) as { id: number }).id;
    db.prepare(`insert into analyses (mention_id, revision_id, lang, score, label, reasons, tags, created_at) values (?, ?, 'ru', -0.912345678901234, 'negative', '["a \\"b\\""]', '["say \\"hi\\"","ünï",""]', '2024-01-01T00:00:01.000Z')`).run(negative, revision);
    const flag = (db.prepare("insert into flags (mention_id, rule_id, revision_id, priority, reason, tags) values (?, 'edge-rule', ?, 'high', 'rating ≤2 \"edge\"', '[]') returning id").get(negative, revision) as { id: number }).id;
    const customer = (db.prepare(`insert into customers (crm_id, name, email, phone, handles, location, lifetime_value) values ('crm-"1"', 'Zoë O''Brien', null, null, '{"twitter":"@o\\"brien","tg":"🍕"}', 'Zürich', 1e-7) returning id`).get() as { id: number }).id;
    const task = (db.prepare("insert into tasks (flag_id, mention_id, rule_id, priority, due_at, customer_id, customer_confidence, churn_risk, reply_draft, created_at, updated_at) values (?, ?, 'edge-rule', 'high', '2024-01-02T00:00:00.000Z', ?, 0.3333333333333333, 0.1, 'Простите 🙏', '2024-01-01T00:00:02.000Z', '2024-01-01T00:00:02.000Z') returning id").get(flag, negative, customer) as { id: number }).id;
    db.prepare("insert into task_events (task_id, kind, note, actor) values (?, 'note', 'call back \"tomorrow\" ☎️', null)").run(task);
    db.prepare("insert into mention_tags (mention_id, tag, origin) values (?, 'ünï \"tag\"', 'rule')").run(emoji);
    db.prepare(`insert into outbox (idempotency_key, channel, kind, mention_id, rule_id, payload, status, digest, next_attempt_at) values ('edge-1', 'webhook', 'alert', ?, null, '{"text":"\\"quoted\\" 😡","n":null}', 'pending', 1, '2024-03-01T00:00:00.000Z')`).run(emoji);
    db.prepare("insert into api_tokens (name, role, token_hash) values ('ci \"bot\"', 'viewer', 'hash-edge')").run();
  })();
  db.close();
}

describe.skipIf(pgSkipReason !== null || skipBrowser)('repwatch export --to postgres://', () => {
  let dir = '';
  let demo = '';
  const schemas: string[] = [];
  const target = () => {
    const location = pgLocation();
    schemas.push(location);
    return location;
  };
  /** A private copy of the demo database, so no test sees another's changes. */
  const demoCopy = (name: string) => {
    const file = join(dir, name);
    copyFileSync(demo, file);
    return file;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'repwatch-export-'));
    demo = join(dir, 'demo.db');
    const run = await repwatch(['demo', '--db', demo, '--json']);
    expect(run.code, run.stderr).toBe(0);
    addEdgeRows(demo);
    // One self-contained file to copy: the WAL folded in.
    const db = new Database(demo);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }, 120_000);
  afterEach(async () => {
    for (const location of schemas.splice(0)) await dropSchema(location);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table row for row, keeps ids, rebuilds the rollups equal, and resets the sequences', async () => {
    const file = demoCopy('full.db');
    const pg = target();
    const run = await repwatch(['export', '--to', pg, '--db', file, '--json', '--batch', '10']);
    expect(run.code, run.stderr).toBe(0);
    const report = lastJsonLine(run.stdout) as { rows: number; seconds: number; rowsPerSecond: number; skipped: string[]; tables: { table: string; rows: number; derived: boolean }[] };
    expect(report.skipped).toEqual([]);
    expect(report.seconds).toBeGreaterThan(0);
    expect(report.rowsPerSecond).toBeGreaterThan(0);

    // Every table of the file is covered: nothing but the migration log is left behind.
    const source = new Database(file, { readonly: true });
    const fileTables = (source.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all() as string[]).filter((n) => n !== MIGRATIONS_TABLE).sort();
    source.close();
    expect(report.tables.map((t) => t.table).sort()).toEqual(fileTables);

    let copied = 0;
    for (const table of plan) {
      const expected = sqliteRows(file, table);
      expect(report.tables.find((t) => t.table === table.name)?.rows, table.name).toBe(expected.length);
      expect(await pgRows(pg, table), table.name).toEqual(expected);
      if (!table.derived) copied += expected.length;
    }
    expect(report.rows).toBe(copied);
    expect(sqliteRows(file, plan.find((t) => t.name === 'mentions')!).length).toBe(33);
    expect(sqliteRows(file, plan.find((t) => t.name === 'negative_tag_state')!).some((r) => String(r.tags).includes('ünï'))).toBe(true);

    // The inbox reads the same on both engines.
    const onFile = await repwatch(['tasks', '--json', '--db', file]);
    const onPg = await repwatch(['tasks', '--json', '--db', pg]);
    expect(onPg.code, onPg.stderr).toBe(0);
    expect(JSON.parse(onFile.stdout)).toHaveLength(14);
    expect(JSON.parse(onPg.stdout)).toEqual(JSON.parse(onFile.stdout));

    // Each identity continues after the highest copied id.
    for (const table of plan.filter((t) => t.identity)) {
      const [seq] = await pgQuery<{ last_value: string; is_called: boolean; max: number | null }>(pg, `select s.last_value, s.is_called, (select max(id) from "${table.name}") as max from "${table.name}_id_seq" s`);
      expect(Number(seq?.last_value), table.name).toBe((seq?.max ?? 0) + 1);
      expect(seq?.is_called, table.name).toBe(false);
    }
    const maxId = Number((await pgQuery<{ m: number }>(pg, 'select max(id) as m from mentions'))[0]?.m);
    const db = openDb(pg);
    try {
      const outcome = db.$client.transaction(() =>
        upsertMention(db, { source: 'edge', targetId: 'zürich-🍕', externalId: 'after-export', url: null, author: 'new', rating: 5, title: null, text: 'Fresh after the move 🎉', lang: 'en', publishedAt: '2024-04-01T00:00:00.000Z' }, '2024-04-01T00:00:00.000Z'),
      )();
      expect(outcome).toMatchObject({ status: 'new', mentionId: maxId + 1 });
    } finally {
      closeDb(db);
    }
  }, 120_000);

  it('refuses a target that already has rows, names the table, and changes nothing', async () => {
    const file = demoCopy('twice.db');
    const pg = target();
    const first = await repwatch(['export', '--to', pg, '--db', file, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const before = await targetState(pg);
    const again = await repwatch(['export', '--to', pg, '--db', file, '--json']);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain(`mentions has ${before.mentions} rows`);
    expect(again.stderr).toMatch(/empty database.*\?schema=/);
    expect(await targetState(pg)).toEqual(before);
  }, 120_000);

  it('rolls everything back when a rebuilt rollup differs from the source, naming the table', async () => {
    const file = demoCopy('stale.db');
    const db = new Database(file);
    // A rollup out of step with its mentions: the target's triggers will count right and disagree.
    db.prepare('update mention_daily set volume = volume + 7 where (day, week, source, location, located) = (select day, week, source, location, located from mention_daily order by day limit 1)').run();
    db.close();
    const pg = target();
    const run = await repwatch(['export', '--to', pg, '--db', file, '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/rolled back: the rollup mention_daily .*volume is \d+ in SQLite but \d+ in PostgreSQL/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    const state = await targetState(pg);
    for (const table of plan) expect(state[table.name], table.name).toBe(0);
  }, 120_000);

  it('rolls back a row PostgreSQL cannot store and says which table and row', async () => {
    const file = demoCopy('nul.db');
    const db = new Database(file);
    db.prepare("update mentions set text = 'before' || char(0) || 'after' where id = 3").run();
    db.close();
    const pg = target();
    const run = await repwatch(['export', '--to', pg, '--db', file, '--batch', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot copy table mentions \(in the batch of rows id=3 to id=4\).*row id=3 has a NUL character in text.*nothing was exported/);
    const state = await targetState(pg);
    for (const table of plan) expect(state[table.name], table.name).toBe(0);
  }, 120_000);

  it('says what is wrong with an unreachable target, a PostgreSQL source or a file target', async () => {
    const file = demoCopy('errors.db');
    const down = await repwatch(['export', '--to', 'postgres://127.0.0.1:1/test?schema=nowhere', '--db', file, '--json']);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^repwatch: cannot open PostgreSQL database postgres:\/\/127\.0\.0\.1:1\/test\?schema=nowhere: .*nothing answers there/);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);

    const pg = target();
    const fromPg = await repwatch(['export', '--to', pg, '--db', pg]);
    expect(fromPg.code).toBe(2);
    expect(fromPg.stderr).toMatch(/export copies a SQLite file into PostgreSQL.*--db FILE/);
    const toFile = await repwatch(['export', '--to', join(dir, 'other.db'), '--db', file]);
    expect(toFile.code).toBe(2);
    expect(toFile.stderr).toMatch(/--to must be a postgres:\/\/ URL/);
    const badBatch = await repwatch(['export', '--to', pg, '--db', file, '--batch', '0']);
    expect(badBatch.code).toBe(2);
    expect(badBatch.stderr).toMatch(/--batch must be a positive whole number/);
    const missing = await repwatch(['export', '--to', pg, '--db', join(dir, 'missing.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no SQLite database at .*missing\.db/);
  }, 120_000);
});
