import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { sessionCookie } from './auth.ts';
import { HttpError } from './http-util.ts';
import { loginHtml, NAV, PAGE_CSP, pageHtml } from './html.ts';
import type { Route, RouteContext, RouteResult } from './routes.ts';
import { verifyToken } from './tokens.ts';
import { PUBLIC_HEADERS } from './api-marketing.ts';

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));
const chartJs = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');

/** Read once at start: they do not change while the server runs. */
function asset(file: string): Buffer {
  return readFileSync(file);
}

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const pageHeaders = { 'Content-Security-Policy': PAGE_CSP, 'X-Frame-Options': 'DENY', 'Cache-Control': 'no-store' };

function redirect(ctx: RouteContext, location: string, cookie?: string): RouteResult {
  ctx.res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', ...(cookie ? { 'Set-Cookie': cookie } : {}) });
  ctx.res.end();
  return { kind: 'done' };
}

const TITLES: Record<string, string> = { '/inbox': 'Support inbox', '/marketing': 'Marketing', '/analytics': 'Analytics', '/sources': 'Sources' };

function page(path: string): Route {
  return {
    method: 'GET',
    path,
    tag: 'pages',
    summary: TITLES[path] ?? path,
    access: 'viewer',
    hidden: true,
    produces: 'html',
    handler: (ctx) => {
      const auth = ctx.auth;
      if (!auth?.session) return redirect(ctx, '/login');
      const body = pageHtml({ path, title: TITLES[path] ?? path, user: auth.principal, csrf: auth.session.csrf, charts: path === '/analytics' });
      return { kind: 'raw', body, type: HTML, headers: pageHeaders };
    },
  };
}

const loginBody = z.object({ token: z.string().min(1).max(200) });

export function pageRoutes(): Route[] {
  const appJs = asset(join(assetsDir, 'app.js'));
  const appCss = asset(join(assetsDir, 'app.css'));
  const widgetJs = asset(join(assetsDir, 'widget.js'));
  const chart = asset(chartJs);
  const staticFile = (path: string, body: Buffer, type: string, headers: Record<string, string>): Route => ({
    method: 'GET',
    path,
    tag: 'assets',
    summary: path,
    access: 'public',
    hidden: true,
    handler: () => ({ kind: 'raw', body, type, headers }),
  });
  return [
    {
      method: 'GET',
      path: '/',
      tag: 'pages',
      summary: 'home',
      access: 'public',
      hidden: true,
      handler: (ctx) => redirect(ctx, ctx.auth?.session ? (NAV[0]?.path ?? '/inbox') : '/login'),
    },
    {
      method: 'GET',
      path: '/login',
      tag: 'pages',
      summary: 'log-in form',
      access: 'public',
      hidden: true,
      handler: () => ({ kind: 'raw', body: loginHtml(null), type: HTML, headers: pageHeaders }),
    },
    {
      method: 'POST',
      path: '/login',
      tag: 'session',
      summary: 'Log in to the dashboard with a token (form field `token`): sets an HttpOnly, SameSite=Strict session cookie',
      access: 'public',
      body: loginBody,
      handler: (ctx) => {
        const principal = verifyToken(ctx.db, (ctx.body as z.output<typeof loginBody>).token.trim());
        if (!principal) return { kind: 'raw', status: 401, body: loginHtml('That token is not valid (or was revoked).'), type: HTML, headers: pageHeaders };
        const session = ctx.sessions.create(principal.tokenId, ctx.now);
        return redirect(ctx, '/inbox', sessionCookie(session.id));
      },
    },
    {
      method: 'POST',
      path: '/logout',
      tag: 'session',
      summary: 'End the dashboard session',
      access: 'viewer',
      handler: (ctx) => {
        if (ctx.auth?.session) ctx.sessions.drop(ctx.auth.session.id);
        return redirect(ctx, '/login', sessionCookie('', 0));
      },
    },
    {
      method: 'GET',
      path: '/api/session',
      tag: 'session',
      summary: 'Who is calling, with which role (and the CSRF token, for a cookie session)',
      access: 'viewer',
      handler: (ctx) => {
        const auth = ctx.auth;
        if (!auth) throw new HttpError(401, 'a token is needed');
        return { kind: 'json', value: { name: auth.principal.name, role: auth.principal.role, csrf: auth.session?.csrf ?? null } };
      },
    },
    ...['/inbox', '/marketing', '/analytics', '/sources'].map(page),
    { method: 'GET', path: '/favicon.ico', tag: 'assets', summary: 'no icon', access: 'public', hidden: true, handler: () => ({ kind: 'raw', status: 204, body: '', type: 'image/x-icon' }) },
    staticFile('/assets/app.js', appJs, JS, { 'Cache-Control': 'no-cache' }),
    staticFile('/assets/app.css', appCss, 'text/css; charset=utf-8', { 'Cache-Control': 'no-cache' }),
    staticFile('/assets/chart.umd.js', chart, JS, { 'Cache-Control': 'public, max-age=86400' }),
    { ...staticFile('/widget.js', widgetJs, JS, PUBLIC_HEADERS), hidden: false, summary: 'The embeddable reviews widget: one <script src=".../widget.js" async></script> on any site', produces: 'javascript' },
  ];
}
