import pg from 'pg';

/**
 * Session advisory locks on a connection of their own. The lock lives as long
 * as the connection: a worker that dies (kill -9, lost host) drops it and the
 * locks with it, so no lock outlives its holder. The store's connection is not
 * used: it blocks the thread while it waits, and a lock must be asked for
 * without holding up the crawls.
 */
export class SessionLocks {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly held = new Set<string>();

  constructor(
    private readonly connectionString: string,
    /** Called once when the connection drops while locks were held: they are gone. */
    private readonly onLost: (held: readonly string[], error: Error) => void,
  ) {}

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString, application_name: `repwatch-locks:${process.pid}` });
      const drop = (error: Error) => {
        if (this.client !== client) return;
        this.client = null;
        const lost = [...this.held];
        this.held.clear();
        if (lost.length > 0) this.onLost(lost, error);
      };
      client.on('error', drop);
      client.on('end', () => drop(new Error('the lock connection closed')));
      try {
        await client.connect();
      } finally {
        this.connecting = null;
      }
      this.client = client;
      return client;
    })();
    return this.connecting;
  }

  /** True when this process now holds `key` (also when it already did). */
  async tryLock(key: string): Promise<boolean> {
    if (this.held.has(key)) return true;
    const client = await this.connect();
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as ok', [key]);
    if (rows[0]?.ok) this.held.add(key);
    return Boolean(rows[0]?.ok);
  }

  isHeld(key: string): boolean {
    return this.held.has(key);
  }

  async unlock(key: string): Promise<void> {
    if (!this.held.delete(key) || !this.client) return;
    await this.client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]);
  }

  /** Closing the connection releases whatever is still held. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held.clear();
    await client?.end().catch(() => undefined);
  }
}

/**
 * For a one-off crawl (`repwatch crawl`) beside running workers: takes the
 * target's crawl lock on a connection of its own, or returns null when a
 * worker is crawling the target now. The caller releases it when done.
 */
export async function lockOneTarget(connectionString: string, key: string): Promise<{ release(): Promise<void> } | null> {
  const locks = new SessionLocks(connectionString, () => undefined);
  if (await locks.tryLock(key)) return { release: () => locks.close() };
  await locks.close();
  return null;
}
