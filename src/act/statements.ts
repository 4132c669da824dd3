import type Database from 'better-sqlite3';
import { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import { isPostgresClient } from '../store/pg/database.ts';
import { preparePgAct, type PgActStatements } from './pg-statements.ts';

/**
 * The act stage's hot statements, prepared once per connection (as in
 * src/store/mentions.ts): drizzle builds its SQL on every call, and with ~10
 * queries per flagged item that cost more than the writes themselves (see
 * bench/, "ingest"). The SQL writes what drizzle would: JSON columns as
 * JSON.stringify text, booleans as 0/1, and omitted columns take the same
 * defaults as the schema's, so readers through drizzle see the same rows.
 */
export interface ActStatements {
  client: Database.Database;
  analysis: Database.Statement<[number, number, string, number | null, string, string, string, string]>;
  tag: Database.Statement<[number, string, string]>;
  marketing: Database.Statement<[number]>;
  flag: Database.Statement<[number, string, number, string, string, string], { id: number }>;
  task: Database.Statement<[number, number, string, string, string, string | null, number | null, number | null, number, string | null, string, string], { id: number }>;
  taskEvent: Database.Statement<[number, string, string, string | null, string | null, string | null, string]>;
  outbox: Database.Statement<[string, string, string, number, string, string, number, string, string]>;
  anyCustomer: Database.Statement<[], { one: number }>;
  customersByHandle: Database.Statement<[string, string], { id: number; name: string; ltv: number | null; handle: string }>;
  allCustomers: Database.Statement<[], { id: number; name: string; location: string | null; ltv: number | null }>;
  /** Counts stop at 2: churnRisk saturates there, so more rows cannot change the risk. */
  negativesByCustomer: Database.Statement<[number], { n: number }>;
  negativesByAuthor: Database.Statement<[string, string, number], { n: number }>;
  lastAssignee: Database.Statement<[], { assignee: string }>;
  tasksOfMention: Database.Statement<[number], { id: number; status: string }>;
  reopen: Database.Statement<[string, number]>;
  suggest: Database.Statement<[string, string, number]>;
  /**
   * On PostgreSQL, the merged per-match statements (pg-statements.ts) that
   * applyMatches uses instead of tag … outbox above; null on SQLite, whose
   * path stays one row per statement. Decided once, when the connection's
   * statements are prepared.
   */
  pg: PgActStatements | null;
}

const prepared = new WeakMap<Database.Database, ActStatements>();

/** The better-sqlite3 connection under a drizzle database or transaction, when there is one. */
function clientOf(tx: object): Database.Database | null {
  const client = (tx as { session?: { client?: unknown } }).session?.client as Database.Database | undefined;
  return client && typeof client.prepare === 'function' ? client : null;
}

function prepareAll(client: Database.Database): ActStatements {
  return {
    client,
    analysis: client.prepare('insert into analyses (mention_id, revision_id, lang, score, label, reasons, tags, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)'),
    tag: client.prepare('insert into mention_tags (mention_id, tag, origin) values (?, ?, ?) on conflict do nothing'),
    marketing: client.prepare("update mentions set marketing = 'candidate' where id = ? and marketing is null"),
    flag: client.prepare('insert into flags (mention_id, rule_id, revision_id, priority, reason, tags) values (?, ?, ?, ?, ?, ?) on conflict do nothing returning id'),
    task: client.prepare(
      `insert into tasks (flag_id, mention_id, rule_id, priority, due_at, assignee, customer_id, customer_confidence, churn_risk, reply_draft, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    ),
    taskEvent: client.prepare('insert into task_events (task_id, at, kind, from_status, to_status, note, actor) values (?, ?, ?, ?, ?, ?, ?)'),
    outbox: client.prepare(
      `insert into outbox (idempotency_key, channel, kind, mention_id, rule_id, payload, digest, next_attempt_at, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
    ),
    anyCustomer: client.prepare('select 1 as one from customers limit 1'),
    customersByHandle: client.prepare('select id, name, lifetime_value as ltv, json_extract(handles, ?) as handle from customers where json_extract(handles, ?) is not null'),
    allCustomers: client.prepare('select id, name, location, lifetime_value as ltv from customers'),
    negativesByCustomer: client.prepare('select count(*) as n from (select 1 from tasks where customer_id = ? limit 2) as firsts'),
    negativesByAuthor: client.prepare(
      'select count(*) as n from (select 1 from tasks inner join mentions on mentions.id = tasks.mention_id where mentions.source = ? and mentions.author = ? and mentions.id <> ? limit 2) as firsts',
    ),
    lastAssignee: client.prepare('select assignee from tasks where assignee is not null order by id desc limit 1'),
    tasksOfMention: client.prepare('select id, status from tasks where mention_id = ?'),
    reopen: client.prepare("update tasks set status = 'open', resolved_at = null, suggestion = null, updated_at = ? where id = ?"),
    suggest: client.prepare('update tasks set suggestion = ?, updated_at = ? where id = ?'),
    pg: isPostgresClient(client) ? preparePgAct(client) : null,
  };
}

/**
 * This connection's statements. Every Db is a better-sqlite3 connection (see
 * src/store/db.ts), so a handle without one is a programming error.
 */
export function actStatements(tx: object): ActStatements {
  const client = clientOf(tx);
  if (!client) throw new TypeError('the act stage needs a better-sqlite3 database or transaction');
  let s = prepared.get(client);
  if (!s) {
    s = prepareAll(client);
    prepared.set(client, s);
  }
  return s;
}

const customersSeen = new WeakMap<object, boolean>();

/**
 * Whether the customers table has any row, so an install without a CRM import
 * skips customer matching. Remembered per drizzle transaction object only: a
 * transaction reads one snapshot, and an import runs in a transaction of its
 * own (a new object), so the next page's transaction sees it. A plain database
 * handle lives on across imports, so it asks every time.
 */
export function hasCustomers(tx: object, s: ActStatements): boolean {
  if (!(tx instanceof SQLiteTransaction)) return s.anyCustomer.get() !== undefined;
  let known = customersSeen.get(tx);
  if (known === undefined) {
    known = s.anyCustomer.get() !== undefined;
    customersSeen.set(tx, known);
  }
  return known;
}
