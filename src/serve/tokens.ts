import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { apiTokens } from '../store/schema.ts';

export const ROLES = ['viewer', 'agent', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export class TokenError extends Error {
  override name = 'TokenError';
}

/** Only this hash is stored: a copied database does not hand out working tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a token and returns it in clear text: the only time anyone sees it. */
export function createToken(db: Db, role: Role, name: string): { id: number; name: string; role: Role; token: string } {
  // The prefix makes a leaked token easy to recognise in logs and secret scanners.
  const token = `rw_${randomBytes(24).toString('base64url')}`;
  const row = db.insert(apiTokens).values({ name, role, tokenHash: hashToken(token) }).returning({ id: apiTokens.id }).get();
  return { id: row.id, name, role, token };
}

export function listTokens(db: Db) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, created_at: apiTokens.createdAt, last_used_at: apiTokens.lastUsedAt, revoked_at: apiTokens.revokedAt })
    .from(apiTokens)
    .orderBy(asc(apiTokens.id))
    .all();
}

export function revokeToken(db: Db, id: number, now: Date): void {
  const row = db.select({ revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.id, id)).get();
  if (!row) throw new TokenError(`no token ${id}; see \`repwatch token list\``);
  if (row.revokedAt) return;
  db.update(apiTokens).set({ revokedAt: now.toISOString() }).where(eq(apiTokens.id, id)).run();
}

export interface Principal {
  tokenId: number;
  name: string;
  role: Role;
}

/** A live (not revoked) token's owner, or null. */
export function verifyToken(db: Db, token: string): Principal | null {
  if (!token.startsWith('rw_') || token.length > 200) return null;
  const row = db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt))).get();
  return row ? { tokenId: row.id, name: row.name, role: row.role } : null;
}

export function principalById(db: Db, id: number): Principal | null {
  const row = db.select().from(apiTokens).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).get();
  return row ? { tokenId: row.id, name: row.name, role: row.role } : null;
}

const lastTouched = new Map<number, number>();

/** Records use at most once a minute per token, so reads do not turn into writes. */
export function touchToken(db: Db, id: number, now: Date): void {
  const last = lastTouched.get(id) ?? 0;
  if (now.getTime() - last < 60_000) return;
  lastTouched.set(id, now.getTime());
  db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, id)).run();
}
