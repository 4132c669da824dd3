import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Db } from '../store/db.ts';
import type { RequestAuth, Sessions } from './auth.ts';
import type { Role } from './tokens.ts';

export interface ServeSettings {
  /** The organisation named in the JSON-LD. */
  brand: string;
}

export interface RouteContext {
  db: Db;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  auth: RequestAuth | null;
  sessions: Sessions;
  settings: ServeSettings;
  now: Date;
}

export type RouteResult =
  | { kind: 'json'; value: unknown; status?: number; headers?: Record<string, string> }
  | { kind: 'raw'; body: string | Buffer; type: string; status?: number; headers?: Record<string, string> }
  /** Chart and list data: JSON by default, CSV with ?format=csv, so every chart can be downloaded. */
  | { kind: 'table'; rows: Record<string, unknown>[]; columns: string[]; filename: string; extra?: Record<string, unknown>; headers?: Record<string, string> }
  /** Responses the handler wrote itself (redirects with cookies). */
  | { kind: 'done' };

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** OpenAPI-style template: /api/tasks/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** 'public' needs no token; otherwise the least role that may call it. */
  access: 'public' | Role;
  query?: z.ZodType;
  body?: z.ZodType;
  /** For the OpenAPI document: what a 200 holds. */
  produces?: 'json' | 'csv' | 'table' | 'html' | 'javascript' | 'ld+json';
  /** Not listed in /openapi.json (pages and assets are not API). */
  hidden?: boolean;
  handler(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

export interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

export function compile(routes: Route[]): CompiledRoute[] {
  return routes.map((r) => {
    const names: string[] = [];
    const source = r.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { ...r, pattern: new RegExp(`^${source}$`), names };
  });
}

export function match(routes: CompiledRoute[], method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
    return { route, params };
  }
  return allowed.length > 0 ? { allowed } : null;
}
