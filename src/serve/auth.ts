import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Db } from '../store/db.ts';
import { HttpError, parseCookies } from './http-util.ts';
import { principalById, touchToken, verifyToken, type Principal, type Role } from './tokens.ts';

/** What a role may do; each role can do everything the ones before it can. */
const RANK: Record<Role, number> = { viewer: 0, agent: 1, lead: 2, admin: 3 };

export function allows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export const SESSION_COOKIE = 'rw_session';
const SESSION_MS = 12 * 60 * 60 * 1000;

interface Session {
  tokenId: number;
  csrf: string;
  expires: number;
}

/** Dashboard logins. In memory: a restart logs everyone out, which is the safe direction. */
export interface Sessions {
  create(tokenId: number, now: Date): { id: string; csrf: string };
  get(id: string, now: Date): Session | null;
  drop(id: string): void;
}

export function createSessions(): Sessions {
  const map = new Map<string, Session>();
  return {
    create(tokenId, now) {
      const id = randomBytes(32).toString('base64url');
      const csrf = randomBytes(32).toString('base64url');
      map.set(id, { tokenId, csrf, expires: now.getTime() + SESSION_MS });
      return { id, csrf };
    },
    get(id, now) {
      const s = map.get(id);
      if (!s) return null;
      if (s.expires < now.getTime()) {
        map.delete(id);
        return null;
      }
      return s;
    },
    drop(id) {
      map.delete(id);
    },
  };
}

export function sessionCookie(id: string, maxAgeSeconds = SESSION_MS / 1000): string {
  return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}`;
}

export interface RequestAuth {
  principal: Principal;
  /** Set when the credentials came from the session cookie: ambient, so writes need the CSRF token. */
  session: { id: string; csrf: string } | null;
}

/** Bearer token first (scripts), then the session cookie (the dashboard). */
export function authenticate(db: Db, sessions: Sessions, req: IncomingMessage, now: Date): RequestAuth | null {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match?.[1] ? verifyToken(db, match[1]) : null;
    if (!principal) return null;
    touchToken(db, principal.tokenId, now);
    return { principal, session: null };
  }
  const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  if (!id) return null;
  const session = sessions.get(id, now);
  if (!session) return null;
  // A revoked token ends its sessions at once.
  const principal = principalById(db, session.tokenId);
  if (!principal) {
    sessions.drop(id);
    return null;
  }
  return { principal, session: { id, csrf: session.csrf } };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A state-changing request must come from our own pages: the Origin (when the
 * browser sends one) names this host, Sec-Fetch-Site is not cross-site, and a
 * cookie session also presents its CSRF token in a header or form field.
 */
export function checkSameOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (origin !== undefined) {
    let originHost: string | null = null;
    try {
      originHost = origin === 'null' ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) throw new HttpError(403, 'cross-origin request refused');
  }
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') throw new HttpError(403, 'cross-site request refused');
}

export function checkCsrf(auth: RequestAuth, req: IncomingMessage, body: Record<string, unknown>): void {
  if (!auth.session) return;
  const header = req.headers['x-csrf-token'];
  const given = typeof header === 'string' ? header : typeof body._csrf === 'string' ? body._csrf : '';
  if (!given || !sameText(given, auth.session.csrf)) throw new HttpError(403, 'missing or wrong CSRF token; reload the page');
}
