import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { withDefaultUser } from './url.ts';

/**
 * A synchronous PostgreSQL connection: the `pg` client runs in a worker
 * thread and the caller blocks on Atomics.wait until it answers. The store,
 * the rules and the act stage run one page per transaction through
 * better-sqlite3's synchronous API; this lets the same code run on PostgreSQL
 * with one connection per process and no async rewrite of every module (the
 * cost, one thread hop per query, is measured in bench/, "workers").
 */
export interface BridgeOptions {
  url: string;
  /** Schema to create if missing and put first on the search_path. */
  searchPath?: string | undefined;
  /** How long one query may take before the caller gives up. */
  timeoutMs?: number;
  applicationName?: string;
}

export interface PgErrorInfo {
  message: string;
  code: string | null;
  detail: string | null;
  hint: string | null;
  where: string | null;
  position: string | null;
  constraint: string | null;
  table: string | null;
}

/** An error from PostgreSQL itself (or the socket), with its SQLSTATE code. */
export class PgError extends Error {
  override name = 'PgError';
  readonly code: string | null;
  readonly info: PgErrorInfo;
  constructor(info: PgErrorInfo, readonly sql?: string) {
    super(info.message);
    this.code = info.code;
    this.info = info;
  }
}

export interface QueryResult {
  rows: unknown[];
  rowCount: number;
}

type Reply = { ok: true; rows?: unknown[]; rowCount?: number; info?: Record<string, unknown> } | { ok: false; error: PgErrorInfo };

export interface Bridge {
  info: { db: string; schema: string; pid: number };
  query(sql: string, params?: readonly unknown[], options?: { name?: string; array?: boolean }): QueryResult;
  close(): void;
}

const workerFile = new URL('./bridge-worker.mjs', import.meta.url);

export function openBridge(options: BridgeOptions): Bridge {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(workerFile, {
    workerData: { url: withDefaultUser(options.url), searchPath: options.searchPath, port: port2, signal, applicationName: options.applicationName ?? 'repwatch' },
    transferList: [port2],
    // The loader hooks of the parent (tsx) are not needed by a plain .mjs file.
    execArgv: [],
  });
  // A bridge must not keep a finished CLI process alive.
  worker.unref();
  const timeoutMs = options.timeoutMs ?? 120_000;
  let closed = false;

  let sequence = 0;
  /** The reply to request `id`, dropping any older one a timed-out call left behind. */
  const replyTo = (id: number): Reply | undefined => {
    for (let m = receiveMessageOnPort(port1 as MessagePort); m; m = receiveMessageOnPort(port1 as MessagePort)) {
      const reply = m.message as Reply & { id: number };
      if (reply.id === id) return reply;
    }
    return undefined;
  };

  const call = (request: Record<string, unknown>, sql?: string): Reply => {
    if (closed) throw new PgError({ message: 'the PostgreSQL connection is closed', code: null, detail: null, hint: null, where: null, position: null, constraint: null, table: null }, sql);
    const id = ++sequence;
    Atomics.store(signal, 0, 0);
    port1.postMessage({ ...request, id });
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const waited = Atomics.wait(signal, 0, 0, Math.max(0, deadline - performance.now()));
      const reply = replyTo(id);
      if (reply) return reply;
      if (waited === 'timed-out' || performance.now() >= deadline) {
        // The answer may still come: replyTo drops it by its id, so it can never pass for the next one's.
        throw new PgError({ message: `PostgreSQL: no answer within ${timeoutMs / 1000} s`, code: null, detail: null, hint: null, where: null, position: null, constraint: null, table: null }, sql);
      }
      // A late answer to an earlier call woke us: wait for ours. The worker posts before it signals,
      // so an answer that came between our read and this reset is found by the read after it.
      Atomics.store(signal, 0, 0);
      const late = replyTo(id);
      if (late) return late;
    }
  };

  const connected = call({ op: 'connect' });
  if (!connected.ok) {
    closed = true;
    void worker.terminate();
    throw new PgError(connected.error);
  }
  const info = connected.info as Bridge['info'];
  return {
    info,
    query(sql, params = [], queryOptions = {}) {
      const reply = call({ op: 'query', sql, params, name: queryOptions.name, array: queryOptions.array }, sql);
      if (!reply.ok) throw new PgError(process.env.REPWATCH_DEBUG_SQL ? { ...reply.error, message: `${reply.error.message} [in: ${sql}]` } : reply.error, sql);
      return { rows: reply.rows ?? [], rowCount: reply.rowCount ?? 0 };
    },
    close() {
      if (closed) return;
      try {
        call({ op: 'close' });
      } finally {
        closed = true;
        void worker.terminate();
      }
    },
  };
}
