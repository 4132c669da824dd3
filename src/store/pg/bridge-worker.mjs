// The PostgreSQL side of the synchronous bridge (src/store/pg/bridge.ts).
// Plain JavaScript on purpose: a worker thread does not inherit the tsx
// loader when the CLI registers it in-process, so this file must run as is.
import { workerData } from 'node:worker_threads';
import pg from 'pg';

const { url, searchPath, port, signal, applicationName } = workerData;

// SQLite hands integers and booleans to the code as numbers; the store's
// callers were written against that, so PostgreSQL values arrive the same way.
pg.types.setTypeParser(20, (v) => Number(v)); // int8 (count(*), sum of integers)
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric (avg)
pg.types.setTypeParser(16, (v) => (v === 't' ? 1 : 0)); // boolean

let client = null;
let info = null;
// Whether the caller has a transaction open (it sent BEGIN, not yet COMMIT or
// ROLLBACK), and whether the connection under it was lost: then every
// statement fails until the caller rolls back, so a reconnect can never let
// the rest of a page commit without its first half.
let inTransaction = false;
let lostTransaction = false;

function reply(message) {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function describe(error) {
  const e = error ?? {};
  return {
    message: String(e.message ?? e),
    code: e.code ?? null,
    detail: e.detail ?? null,
    hint: e.hint ?? null,
    where: e.where ?? null,
    position: e.position ?? null,
    constraint: e.constraint ?? null,
    table: e.table ?? null,
  };
}

async function connect() {
  const next = new pg.Client({ connectionString: url, application_name: applicationName });
  // A dropped connection (server restart, idle kill) is noticed here and replaced at the next request.
  next.on('error', () => {
    if (client === next) client = null;
  });
  next.on('end', () => {
    if (client === next) client = null;
  });
  await next.connect();
  if (searchPath) {
    const ident = `"${searchPath.replaceAll('"', '""')}"`;
    try {
      await next.query(`create schema if not exists ${ident}`);
    } catch (error) {
      // Two workers starting at once race on the schema's catalog row; the loser finds it there.
      if (error?.code !== '23505' && error?.code !== '42P06') throw error;
    }
    await next.query(`set search_path to ${ident}`);
  }
  const { rows } = await next.query('select current_database() as db, current_schema() as schema, pg_backend_pid() as pid');
  client = next;
  if (inTransaction) lostTransaction = true;
  return rows[0];
}

const TRANSACTION_START = /^\s*(begin|start transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|rollback|end)\s*;?\s*$/i;

async function query(request) {
  if (lostTransaction) {
    if (/^\s*rollback\s*;?\s*$/i.test(request.sql)) {
      lostTransaction = false;
      inTransaction = false;
      return { ok: true, rows: [], rowCount: 0 };
    }
    return { ok: false, error: { ...describe({ message: 'the connection to PostgreSQL was lost during this transaction, which the server rolled back', code: '08006' }) } };
  }
  if (!client) info = await connect();
  if (lostTransaction) return query(request);
  const result = await client.query({
    text: request.sql,
    values: request.params,
    name: request.name ?? undefined,
    rowMode: request.array ? 'array' : undefined,
  });
  if (TRANSACTION_START.test(request.sql)) inTransaction = true;
  else if (TRANSACTION_END.test(request.sql)) inTransaction = false;
  // A multi-statement string gives an array of results; the last one is the answer.
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return { ok: true, rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
}

async function handle(request) {
  switch (request.op) {
    case 'connect':
      info ??= await connect();
      return { ok: true, info };
    case 'query':
      return query(request);
    case 'close':
      if (client) await client.end();
      return { ok: true };
    default:
      return { ok: false, error: { message: `unknown bridge request ${request.op}` } };
  }
}

port.on('message', (request) => {
  // Every answer carries its request's id: the caller never takes one meant for another call.
  handle(request)
    .then((result) => reply({ ...result, id: request.id }))
    .catch((error) => {
      // A failed BEGIN/COMMIT still ends what the caller thinks is open; a failed ROLLBACK on a dead link too.
      if (TRANSACTION_END.test(request.sql ?? '')) inTransaction = false;
      reply({ ok: false, error: describe(error), id: request.id });
    });
});
