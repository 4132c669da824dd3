// The PostgreSQL side of the synchronous bridge (src/store/pg/bridge.ts).
// Plain JavaScript on purpose: a worker thread does not inherit the tsx
// loader when the CLI registers it in-process, so this file must run as is.
import { workerData } from 'node:worker_threads';
import { userInfo } from 'node:os';
import pg from 'pg';

const { url, searchPath, port, signal, applicationName } = workerData;

// SQLite hands integers and booleans to the code as numbers; the store's
// callers were written against that, so PostgreSQL values arrive the same way.
pg.types.setTypeParser(20, (v) => Number(v)); // int8 (count(*), sum of integers)
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric (avg)
pg.types.setTypeParser(16, (v) => (v === 't' ? 1 : 0)); // boolean

// libpq (psql) falls back to the OS user when the URL names none; pg reads
// only $USER, which services and containers often lack.
// (The URL carries it: pg lets the connection string override a separate user option.)
const target = new URL(url);
if (!target.username) target.username = encodeURIComponent(process.env.PGUSER || process.env.USER || userInfo().username);
const client = new pg.Client({ connectionString: target.toString(), application_name: applicationName });
let connected = null;

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
  await client.connect();
  if (searchPath) {
    const ident = `"${searchPath.replaceAll('"', '""')}"`;
    await client.query(`create schema if not exists ${ident}`);
    await client.query(`set search_path to ${ident}`);
  }
  const { rows } = await client.query('select current_database() as db, current_schema() as schema, pg_backend_pid() as pid');
  return rows[0];
}

async function handle(request) {
  switch (request.op) {
    case 'connect':
      connected ??= connect();
      return { ok: true, info: await connected };
    case 'query': {
      const result = await client.query({
        text: request.sql,
        values: request.params,
        name: request.name ?? undefined,
        rowMode: request.array ? 'array' : undefined,
      });
      // A multi-statement string gives an array of results; the last one is the answer.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { ok: true, rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
    }
    case 'close':
      await client.end();
      return { ok: true };
    default:
      return { ok: false, error: { message: `unknown bridge request ${request.op}` } };
  }
}

// The connection can drop between requests (server restart, idle kill): the
// next request must hear about it, not hang.
client.on('error', () => {});

port.on('message', (request) => {
  handle(request).then(reply, (error) => reply({ ok: false, error: describe(error) }));
});
