import { createHash } from 'node:crypto';
import { openBridge, PgError, type Bridge, type BridgeOptions } from './bridge.ts';
import { bindArgs, translateSql, type Translated } from './translate.ts';

/**
 * The part of better-sqlite3's Database that repwatch and drizzle's
 * better-sqlite3 driver use, on a PostgreSQL connection. The code above the
 * store keeps one synchronous API for both engines; see bridge.ts for why.
 */
export class PgDatabase {
  readonly dialect = 'postgres' as const;
  /** The URL without its password, for messages. */
  readonly name: string;
  readonly memory = false;
  readonly readonly = false;
  private readonly bridge: Bridge;
  private depth = 0;
  private names = new Map<string, string>();
  open = true;

  constructor(options: BridgeOptions & { displayName: string }) {
    this.name = options.displayName;
    this.bridge = openBridge(options);
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  get schema(): string {
    return this.bridge.info.schema;
  }

  prepare(source: string): PgStatement {
    return new PgStatement(this, source, translateSql(source));
  }

  /** Runs SQL text as is (several statements, no parameters). */
  exec(source: string): this {
    this.bridge.query(source);
    return this;
  }

  /** Pragmas are SQLite's; the few that callers send have no PostgreSQL meaning here. */
  pragma(): unknown[] {
    return [];
  }

  /** @internal */
  run(t: Translated, source: string, args: readonly unknown[], array: boolean) {
    const params = bindArgs(t, args);
    // A named statement is parsed and planned once per connection, as better-sqlite3's prepare is.
    return this.bridge.query(t.sql, params, { name: params.length > 0 ? this.statementName(t.sql) : undefined, array });
  }

  private statementName(sql: string): string {
    let name = this.names.get(sql);
    if (!name) {
      name = `rw_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      this.names.set(sql, name);
    }
    return name;
  }

  /**
   * better-sqlite3's transaction(): the returned function runs `fn` inside
   * BEGIN … COMMIT, or a savepoint when already in one. A deadlock or a
   * serialization failure between workers rolls back and runs `fn` again:
   * it only touches the database, so a retry repeats nothing else.
   */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): TransactionFn<A, R> {
    const run = (...args: A): R => {
      if (this.depth > 0) return this.savepoint(() => fn(...args));
      for (let attempt = 1; ; attempt++) {
        this.bridge.query('begin');
        this.depth++;
        try {
          const result = fn(...args);
          this.bridge.query('commit');
          return result;
        } catch (error) {
          this.rollback();
          if (!(error instanceof PgError && RETRYABLE.has(error.code ?? '') && attempt < MAX_ATTEMPTS)) throw error;
          // Two workers that collided would collide again at once: wait a random, growing moment.
          Atomics.wait(PAUSE, 0, 0, 5 + Math.random() * 20 * attempt);
        } finally {
          this.depth--;
        }
      }
    };
    return Object.assign(run, { deferred: run, immediate: run, exclusive: run, default: run });
  }

  private savepoint<R>(fn: () => R): R {
    const name = `rw_sp_${this.depth}`;
    this.bridge.query(`savepoint ${name}`);
    this.depth++;
    try {
      const result = fn();
      this.bridge.query(`release savepoint ${name}`);
      return result;
    } catch (error) {
      this.bridge.query(`rollback to savepoint ${name}`);
      throw error;
    } finally {
      this.depth--;
    }
  }

  private rollback(): void {
    try {
      this.bridge.query('rollback');
    } catch {
      // The connection is gone: the server has rolled back already.
    }
  }

  close(): this {
    if (this.open) this.bridge.close();
    this.open = false;
    return this;
  }
}

// Deadlock and serialization failure; and a unique violation, which here means
// another worker stored the same item first: the retry finds it and moves on.
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 8;
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

export type TransactionFn<A extends unknown[], R> = ((...args: A) => R) & {
  deferred: (...args: A) => R;
  immediate: (...args: A) => R;
  exclusive: (...args: A) => R;
  default: (...args: A) => R;
};

/** better-sqlite3's Statement, as far as repwatch and drizzle use it. */
export class PgStatement {
  readonly reader: boolean;
  readonly busy = false;
  private array = false;
  private pluckFirst = false;

  constructor(readonly database: PgDatabase, readonly source: string, private readonly t: Translated) {
    this.reader = /^\s*(select|with|values)\b/i.test(source) || /\breturning\b/i.test(source);
  }

  raw(on = true): this {
    this.array = on;
    return this;
  }

  pluck(on = true): this {
    this.pluckFirst = on;
    return this;
  }

  expand(): this {
    throw new TypeError('expand() is not supported on PostgreSQL');
  }

  run(...args: unknown[]): { changes: number; lastInsertRowid: number } {
    const result = this.database.run(this.t, this.source, args, false);
    // PostgreSQL has no last insert id: callers that need the id use `returning id`.
    return { changes: result.rowCount, lastInsertRowid: 0 };
  }

  all(...args: unknown[]): unknown[] {
    const rows = this.database.run(this.t, this.source, args, this.array || this.pluckFirst).rows;
    return this.pluckFirst ? rows.map((r) => (r as unknown[])[0]) : rows;
  }

  get(...args: unknown[]): unknown {
    return this.all(...args)[0];
  }

  *iterate(...args: unknown[]): IterableIterator<unknown> {
    yield* this.all(...args);
  }
}

/** Whether a connection (a Db's $client, or a transaction's) is PostgreSQL. */
export function isPostgresClient(client: unknown): client is PgDatabase {
  return client instanceof PgDatabase;
}
