import { parsePgLocation, withDefaultUser } from '../store/pg/url.ts';

/** Where the crawl queue and the workers' locks live, derived from the repwatch database URL. */
export interface QueueLocation {
  /** For pg (and pg-boss): the URL without `?schema=`, with a user name. */
  connectionString: string;
  /** repwatch's own schema: lock keys include it, so installs side by side never share a lock. */
  schema: string;
  /** pg-boss's tables: `<schema>_boss` beside repwatch's, or pg-boss's usual `pgboss`. */
  bossSchema: string;
  /** For messages: no password. */
  display: string;
}

export function queueLocation(location: string): QueueLocation {
  const where = parsePgLocation(location);
  const schema = where.schema ?? 'public';
  // pg-boss takes letters, digits and _ only, at most 50 characters.
  const bossSchema = where.schema ? `${where.schema.replace(/\W/g, '_').slice(0, 45)}_boss` : 'pgboss';
  return { connectionString: withDefaultUser(where.url), schema, bossSchema, display: where.display };
}

/** Advisory lock keys (hashed to 64 bits by PostgreSQL). */
export const lockKeys = {
  scheduler: (schema: string) => `repwatch:scheduler:${schema}`,
  target: (schema: string, targetId: string) => `repwatch:crawl:${schema}:${targetId}`,
};
