import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../store/db.ts';
import { analyticsRoutes } from './api-analytics.ts';
import { marketingRoutes, PUBLIC_HEADERS } from './api-marketing.ts';
import { taskRoutes } from './api-tasks.ts';
import { tokenRoutes } from './api-tokens.ts';
import { allows, authenticate, checkCsrf, checkSameOrigin, createSessions, type Sessions } from './auth.ts';
import { toCsv } from './csv.ts';
import { HttpError, queryObject, readBody, send, sendJson, validate } from './http-util.ts';
import { openApiDocument } from './openapi.ts';
import { pageRoutes } from './pages.ts';
import { compile, match, type CompiledRoute, type Route, type RouteContext, type RouteResult, type ServeSettings } from './routes.ts';

export interface ServeOptions extends Partial<ServeSettings> {
  host?: string;
  port?: number;
  clock?: () => Date;
  /** Where unexpected errors go (stderr by default). */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Every route: the API, the pages, the assets, and /openapi.json describing the API ones. */
export function allRoutes(): Route[] {
  const routes: Route[] = [...taskRoutes, ...analyticsRoutes, ...marketingRoutes, ...tokenRoutes, ...pageRoutes()];
  const openapi: Route = {
    method: 'GET',
    path: '/openapi.json',
    tag: 'meta',
    summary: 'This document',
    access: 'public',
    handler: (ctx) => ({ kind: 'json', value: openApiDocument(routes.concat(openapi), `http://${ctx.req.headers.host ?? 'localhost'}`), headers: { 'Access-Control-Allow-Origin': '*' } }),
  };
  return [...routes, openapi];
}

function write(res: ServerResponse, result: RouteResult, url: URL, head: boolean): void {
  if (result.kind === 'done') return;
  if (result.kind === 'table') {
    if (url.searchParams.get('format') === 'csv') {
      send(res, 200, toCsv(result.rows, result.columns), 'text/csv; charset=utf-8', { 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${result.filename}"`, ...result.headers });
    } else sendJson(res, 200, { ...result.extra, columns: result.columns, rows: result.rows }, result.headers);
    return;
  }
  if (result.kind === 'json') return sendJson(res, result.status ?? 200, result.value, result.headers);
  if (result.status === 304) {
    res.writeHead(304, result.headers);
    res.end();
    return;
  }
  send(res, result.status ?? 200, head ? '' : result.body, result.type, result.headers);
}

async function dispatch(db: Db, routes: CompiledRoute[], sessions: Sessions, settings: ServeSettings, clock: () => Date, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const found = match(routes, method === 'OPTIONS' ? 'GET' : method, url.pathname);
  if (!found) throw new HttpError(404, `no such page: ${url.pathname}`);
  if ('allowed' in found) throw new HttpError(405, `${method} is not allowed here`, { Allow: found.allowed.join(', ') });
  const { route, params } = found;
  if (method === 'OPTIONS') {
    // Only the public feed and widget are meant for other sites.
    if (route.access !== 'public') throw new HttpError(405, 'OPTIONS is only answered for public resources');
    res.writeHead(204, { ...PUBLIC_HEADERS, 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS', 'Access-Control-Max-Age': '86400' });
    res.end();
    return;
  }
  const now = clock();
  const auth = authenticate(db, sessions, req, now);
  if (route.access !== 'public') {
    if (!auth) {
      if (route.produces === 'html') {
        res.writeHead(303, { Location: '/login', 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
      throw new HttpError(401, 'a token is needed: send Authorization: Bearer TOKEN (repwatch token create)', { 'WWW-Authenticate': 'Bearer' });
    }
    if (!allows(auth.principal.role, route.access)) throw new HttpError(403, `the ${auth.principal.role} role cannot do this; it needs ${route.access} or higher`);
  }
  let body: Record<string, unknown> = {};
  if (method !== 'GET' && method !== 'HEAD') {
    checkSameOrigin(req);
    body = await readBody(req);
    if (auth) checkCsrf(auth, req, body);
  }
  const ctx: RouteContext = {
    db,
    req,
    res,
    url,
    params,
    query: route.query ? validate(route.query, queryObject(url), 'query') : {},
    body: route.body ? validate(route.body, Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf')), 'body') : body,
    auth,
    sessions,
    settings,
    now,
  };
  write(res, await route.handler(ctx), url, method === 'HEAD');
}

/** Serves the dashboard and API from one database until closed. */
export async function startServer(db: Db, options: ServeOptions = {}): Promise<RunningServer> {
  const routes = compile(allRoutes());
  const sessions = createSessions();
  const settings: ServeSettings = { brand: options.brand ?? 'Our company' };
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const server = createServer((req, res) => {
    dispatch(db, routes, sessions, settings, clock, req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message }, error.headers);
      log(`repwatch serve: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendJson(res, 500, { error: 'internal error; see the server log' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
