import { userInfo } from 'node:os';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export interface PgLocation {
  /** What `pg` connects to (the schema parameter taken out). */
  url: string;
  /** `?schema=NAME`: several installs, or tests, side by side in one database. */
  schema: string | undefined;
  /** For messages and logs: the URL without its password. */
  display: string;
}

export function parsePgLocation(location: string): PgLocation {
  const url = new URL(location);
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  const display = new URL(url.toString());
  if (display.password) display.password = '***';
  if (schema) display.searchParams.set('schema', schema);
  return { url: url.toString(), schema: schema || undefined, display: display.toString() };
}

/**
 * The URL with a user name: libpq (psql) falls back to the OS user when the
 * URL names none, but pg reads only $USER, which services and containers often
 * lack, and then fails even under trust auth.
 */
export function withDefaultUser(url: string): string {
  const u = new URL(url);
  if (!u.username) u.username = encodeURIComponent(process.env.PGUSER || process.env.USER || userInfo().username);
  return u.toString();
}
