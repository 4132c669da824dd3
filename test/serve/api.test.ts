import { checkDb } from '../helpers/temp.ts';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../src/serve/server.ts';
import { lastJsonLine, repwatch } from '../helpers/cli.ts';
import { HAND_ITEMS, writeHandDataset, XSS_INDEX, XSS_TEXT } from './fixture-data.ts';
import { bearer, demoDb, getJson, postJson, serve, tempFolder, tokensFor, type Served } from './serve-helpers.ts';

type Role = 'viewer' | 'agent' | 'lead' | 'admin';
interface Task {
  id: number;
  status: string;
  assignee: string | null;
  first_contact_at: string | null;
  resolved_at: string | null;
  mention: { source: string; location: string | null; rating: number | null; text: string; url: string | null; sentiment: { label: string } | null };
  reason: string;
  customer: { name: string } | null;
  churn_risk: number | null;
  reply_draft: string | null;
  dispute: { status: string } | null;
  events: { kind: string; to: string | null; actor: string; note: string | null }[];
}

describe('repwatch serve over the demo database', () => {
  const folder = tempFolder();
  let file = '';
  let server: Served;
  let tokens: Record<Role, string>;
  beforeAll(async () => {
    file = await demoDb(folder.dir);
    tokens = tokensFor(file);
    server = await serve(file);
  });
  afterAll(async () => {
    await server?.stop();
    folder.remove();
  });

  it('needs a token for everything but the widget, the public feed and the OpenAPI document (401)', async () => {
    for (const path of ['/api/tasks', '/api/tasks/1', '/api/analytics/summary', '/api/analytics/ratings', '/api/marketing/reviews', '/api/sources', '/api/tokens', '/api/session']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await res.json()) as { error: string }).error).toMatch(/token/);
    }
    expect((await fetch(`${server.url}/api/tasks`, { headers: bearer('rw_not-a-real-token') })).status).toBe(401);
    expect((await fetch(`${server.url}/api/tasks`, { headers: { Authorization: 'Basic abc' } })).status).toBe(401);
    expect((await postJson(`${server.url}/api/tasks/1/status`, { status: 'contacted' })).status).toBe(401);
    for (const path of ['/api/public/reviews', '/api/public/reviews.csv', '/api/public/reviews.jsonld', '/widget.js', '/openapi.json', '/login']) {
      expect((await fetch(server.url + path)).status, path).toBe(200);
    }
    // A dashboard page without a session goes to the log-in form.
    const page = await fetch(`${server.url}/inbox`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login');
  });

  it('lets each role do only what it may (403 otherwise)', async () => {
    const url = server.url;
    const { body: list } = await getJson<{ items: Task[] }>(`${url}/api/tasks`, tokens.viewer);
    const id = list.items[0]?.id ?? 0;
    expect((await postJson(`${url}/api/tasks/${id}/status`, { status: 'in_progress' }, tokens.viewer)).status).toBe(403);
    expect((await postJson(`${url}/api/tasks/${id}/notes`, { note: 'x' }, tokens.viewer)).status).toBe(403);
    expect((await postJson(`${url}/api/tasks/${id}/dispute/decision`, { approve: true }, tokens.agent)).status).toBe(403);
    expect((await postJson(`${url}/api/marketing/reviews/2`, { action: 'approve' }, tokens.agent)).status).toBe(403);
    expect((await getJson(`${url}/api/tokens`, tokens.lead)).status).toBe(403);
    expect((await getJson(`${url}/api/tokens`, tokens.admin)).status).toBe(200);
    expect((await getJson(`${url}/api/analytics/summary`, tokens.viewer)).status).toBe(200);
    const denied = await postJson<{ error: string }>(`${url}/api/tasks/${id}/status`, { status: 'in_progress' }, tokens.viewer);
    expect(denied.body.error).toMatch(/viewer role cannot/);
  });

  it('serves the inbox in SLA order with review, sentiment, reason, customer, churn risk and reply draft; filters work', async () => {
    const { body } = await getJson<{ total: number; items: (Task & { due_at: string })[] }>(`${server.url}/api/tasks?limit=200`, tokens.viewer);
    expect(body.total).toBeGreaterThan(3);
    expect(body.items.map((t) => t.due_at)).toEqual([...body.items.map((t) => t.due_at)].sort());
    const anna = body.items.find((t) => t.customer?.name === 'Анна Кузнецова');
    expect(anna).toMatchObject({ reason: expect.any(String), churn_risk: expect.any(Number), reply_draft: expect.any(String), mention: { sentiment: { label: 'negative' }, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1/) } });
    const { body: filters } = await getJson<{ sources: string[]; locations: string[] }>(`${server.url}/api/tasks/filters`, tokens.viewer);
    expect(filters.sources).toEqual(['generic-html']);
    const location = 'London, Soho';
    expect(filters.locations).toContain(location);
    const soho = await getJson<{ total: number; items: Task[] }>(`${server.url}/api/tasks?location=${encodeURIComponent(location)}&limit=200`, tokens.viewer);
    expect(soho.body.total).toBe(body.items.filter((t) => t.mention.location === location).length);
    expect(soho.body.items.every((t) => t.mention.location === location)).toBe(true);
    const none = await getJson<{ total: number }>(`${server.url}/api/tasks?source=nothing-here`, tokens.viewer);
    expect(none.body.total).toBe(0);
    expect((await getJson(`${server.url}/api/tasks?status=bogus`, tokens.viewer)).status).toBe(400);
    expect((await getJson(`${server.url}/api/tasks?limit=100000`, tokens.viewer)).status).toBe(400);
  });

  it('changes tasks through the API: assign, status, note, dispute, decision, each leaving an event', async () => {
    const url = server.url;
    const { body: list } = await getJson<{ items: Task[] }>(`${url}/api/tasks`, tokens.agent);
    const id = list.items[0]?.id ?? 0;
    expect((await postJson<Task>(`${url}/api/tasks/${id}/assign`, { assignee: 'mia' }, tokens.agent)).body.assignee).toBe('mia');
    const assigned = await getJson<{ total: number; items: Task[] }>(`${url}/api/tasks?assignee=mia`, tokens.agent);
    expect(assigned.body.items.map((t) => t.id)).toEqual([id]);
    const contacted = await postJson<Task>(`${url}/api/tasks/${id}/status`, { status: 'contacted', note: 'called her' }, tokens.agent);
    expect(contacted.status).toBe(200);
    expect(contacted.body).toMatchObject({ status: 'contacted', first_contact_at: expect.any(String) });
    const resolved = await postJson<Task>(`${url}/api/tasks/${id}/status`, { status: 'resolved' }, tokens.agent);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolved_at: expect.any(String), first_contact_at: contacted.body.first_contact_at });
    await postJson(`${url}/api/tasks/${id}/notes`, { note: 'sent a voucher' }, tokens.agent);
    const other = list.items[1]?.id ?? 0;
    expect((await postJson<Task>(`${url}/api/tasks/${other}/dispute`, { reason: 'the courier was late' }, tokens.agent)).body).toMatchObject({ status: 'disputed', dispute: { status: 'requested' } });
    expect((await postJson<Task>(`${url}/api/tasks/${other}/dispute/decision`, { approve: true, note: 'ok' }, tokens.lead)).body).toMatchObject({ dispute: { status: 'approved' } });
    const again = await postJson<{ error: string }>(`${url}/api/tasks/${other}/dispute/decision`, { approve: true }, tokens.lead);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/no dispute waiting/);
    const { body: detail } = await getJson<Task>(`${url}/api/tasks/${id}`, tokens.viewer);
    expect(detail.events.map((e) => [e.kind, e.to, e.actor])).toEqual([
      ['opened', 'open', 'rule:low-rating'],
      ['assigned', null, 'agent-user'],
      ['status', 'contacted', 'agent-user'],
      ['status', 'resolved', 'agent-user'],
      ['note', null, 'agent-user'],
    ]);
    expect((await postJson(`${url}/api/tasks/${id}/status`, { status: 'disputed' }, tokens.agent)).status).toBe(400);
    expect((await postJson(`${url}/api/tasks/${id}/status`, { status: 'done', extra: 1 }, tokens.agent)).status).toBe(400);
    expect((await postJson(`${url}/api/tasks/999999/status`, { status: 'resolved' }, tokens.agent)).status).toBe(404);
    const check = checkDb(file);
    expect(check.prepare('select status, assignee from tasks where id = ?').get(id)).toEqual({ status: 'resolved', assignee: 'mia' });
    check.close();
  });

  it('refuses cross-site and CSRF-less writes from a cookie session, and accepts the dashboard\'s own', async () => {
    const url = server.url;
    const origin = url;
    const crossLogin = await fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://evil.example' }, body: `token=${tokens.agent}` });
    expect(crossLogin.status).toBe(403);
    const bad = await fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin }, body: 'token=rw_nope' });
    expect(bad.status).toBe(401);
    const login = await fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin }, body: `token=${tokens.agent}` });
    expect(login.status).toBe(303);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^rw_session=[\w-]{20,}; HttpOnly; SameSite=Strict; Path=\//);
    const cookie = setCookie.split(';')[0] ?? '';
    const session = await fetch(`${url}/api/session`, { headers: { Cookie: cookie } });
    const { csrf, role } = (await session.json()) as { csrf: string; role: string };
    expect(role).toBe('agent');
    const page = await (await fetch(`${url}/inbox`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain(`<meta name="csrf-token" content="${csrf}">`);
    const { body: list } = await getJson<{ items: Task[] }>(`${url}/api/tasks`, tokens.agent);
    const id = list.items[0]?.id ?? 0;
    const post = (headers: Record<string, string>) => fetch(`${url}/api/tasks/${id}/notes`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers }, body: JSON.stringify({ note: 'from the dashboard' }) });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'X-CSRF-Token': 'wrong' })).status).toBe(403);
    expect((await post({ 'X-CSRF-Token': csrf, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ 'X-CSRF-Token': csrf, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await post({ 'X-CSRF-Token': csrf, Origin: origin })).status).toBe(200);
    // A form post carries the token as _csrf.
    const form = await fetch(`${url}/api/tasks/${id}/notes`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: origin }, body: `note=form&_csrf=${encodeURIComponent(csrf)}` });
    expect(form.status).toBe(200);
    const logout = await fetch(`${url}/logout`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: origin }, body: `_csrf=${encodeURIComponent(csrf)}` });
    expect(logout.status).toBe(303);
    expect((await fetch(`${url}/api/session`, { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('reports each source: health, last crawl, items found, errors', async () => {
    const { body } = await getJson<{ rows: Record<string, unknown>[] }>(`${server.url}/api/sources`, tokens.viewer);
    expect(body.rows).toEqual([expect.objectContaining({ id: 'northwind-reviews', health: 'ok', last_status: 'ok', items_found: 22, last_items_seen: 22, runs: 1, failed_runs: 0, last_error: null, last_crawl_at: expect.any(String) })]);
    const csv = await (await fetch(`${server.url}/api/sources?format=csv`, { headers: bearer(tokens.viewer) })).text();
    expect(csv.split('\r\n')[0]).toMatch(/^id,source,name,health,last_crawl_at/);
  });

  it('publishes an OpenAPI 3 document listing every API route', async () => {
    const res = await fetch(`${server.url}/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    const expected = allRoutes().filter((r) => !r.hidden).map((r) => `${r.method} ${r.path}`).sort();
    expect(listed).toEqual(expected);
    for (const route of ['GET /api/tasks', 'POST /api/tasks/{id}/status', 'POST /api/tasks/{id}/dispute/decision', 'GET /api/analytics/ratings', 'GET /api/public/reviews', 'GET /widget.js', 'POST /login', 'DELETE /api/tokens/{id}', 'GET /openapi.json']) {
      expect(listed).toContain(route);
    }
    expect(doc.paths['/api/tasks']?.get?.responses['401']).toBeDefined();
  });
});

describe('analytics, feed, JSON-LD and widget over a hand-made dataset', () => {
  const folder = tempFolder();
  let server: Served;
  let tokens: Record<Role, string>;
  let data: ReturnType<typeof writeHandDataset>;
  const range = 'from=2026-01-01&to=2026-01-31';
  beforeAll(async () => {
    data = writeHandDataset(folder.dir);
    tokens = tokensFor(data.file);
    server = await serve(data.file, ['--brand', 'Northwind <Coffee>']);
  });
  afterAll(async () => {
    await server?.stop();
    folder.remove();
  });

  it('computes NRR (brand and team), positive share, rating, volume and contact times as worked out by hand', async () => {
    const get = async (path: string) => (await getJson<{ summary: Record<string, unknown>; rows: Record<string, unknown>[] }>(`${server.url}${path}`, tokens.viewer)).body;
    // 10 live mentions, 9 rated: 1,2,4,5,5 (maps) and 1,3,4,5 (store); removed and reposted 1-stars left out.
    expect((await get(`/api/analytics/summary?${range}`)).summary).toMatchObject({
      volume: 10, rated: 9, avg_rating: 3.33, negatives: 3, positives: 5, disputed_approved: 0, nrr_brand: 33.33, nrr_team: 33.33, positive_share: 55.56,
      // 4 tasks; contacts after 2 h, 30 h and 4 h → 12 h; within SLA: 2 of the 4 (one late, one uncontacted and past due).
      tasks: 4, contacted: 3, avg_hours_to_first_contact: 12, contacted_within_sla: 2, within_sla_share: 50,
    });
    const bySource = await get(`/api/analytics/ratings?${range}&group=source&granularity=month`);
    expect(bySource.rows).toEqual([
      { period: '2026-01-01', group: 'maps', volume: 5, rated: 5, avg_rating: 3.4, negatives: 2, positives: 3, disputed_approved: 0, nrr_brand: 40, nrr_team: 40, positive_share: 60 },
      { period: '2026-01-01', group: 'store', volume: 5, rated: 4, avg_rating: 3.25, negatives: 1, positives: 2, disputed_approved: 0, nrr_brand: 25, nrr_team: 25, positive_share: 50 },
    ]);
    const byDay = await get(`/api/analytics/ratings?${range}&location=Soho&granularity=day`);
    expect(byDay.rows.map((r) => [r.period, r.volume, r.avg_rating])).toEqual([['2026-01-05', 1, 1], ['2026-01-06', 2, 3], ['2026-01-07', 1, 5], ['2026-01-08', 1, 5]]);

    // A lead approves the dispute on the store's 1-star: out of the team's NRR (2 of 8), still in the brand's (3 of 9).
    const taskId = data.taskIds.get(5) ?? 0;
    expect((await postJson(`${server.url}/api/tasks/${taskId}/dispute`, { reason: 'supplier price rise' }, tokens.agent)).status).toBe(200);
    expect((await postJson(`${server.url}/api/tasks/${taskId}/dispute/decision`, { approve: true }, tokens.lead)).status).toBe(200);
    expect((await get(`/api/analytics/summary?${range}`)).summary).toMatchObject({ negatives: 3, disputed_approved: 1, nrr_brand: 33.33, nrr_team: 25 });
    const store = (await get(`/api/analytics/ratings?${range}&group=source&granularity=month`)).rows[1];
    expect(store).toMatchObject({ group: 'store', nrr_brand: 25, nrr_team: 0 });

    const contact = await get(`/api/analytics/contact?${range}&granularity=day`);
    expect(contact.rows.map((r) => [r.period, r.tasks, r.contacted, r.avg_hours_to_first_contact, r.within_sla_share])).toEqual([
      ['2026-01-05', 1, 1, 2, 100], ['2026-01-06', 1, 1, 30, 0], ['2026-01-07', 1, 0, null, 0], ['2026-01-08', 1, 1, 4, 100],
    ]);
    const tags = await get(`/api/analytics/tags?${range}`);
    expect(tags.rows.map((r) => [r.week, r.source, r.tag, r.negatives])).toEqual([
      ['2026-01-05', 'maps', 'staff', 2], ['2026-01-05', 'maps', 'wait', 1],
      ['2026-01-05', 'store', 'delivery', 1], ['2026-01-05', 'store', 'price', 1], ['2026-01-05', 'store', 'staff', 1],
    ]);
    const csv = await (await fetch(`${server.url}/api/analytics/ratings?${range}&group=source&granularity=month&format=csv`, { headers: bearer(tokens.viewer) })).text();
    expect(csv).toBe('period,group,volume,rated,avg_rating,negatives,positives,disputed_approved,nrr_brand,nrr_team,positive_share\r\n2026-01-01,maps,5,5,3.4,2,3,0,40,40,60\r\n2026-01-01,store,5,4,3.25,1,2,1,25,0,50\r\n');
    expect((await getJson(`${server.url}/api/analytics/summary?from=2026-02-01&to=2026-01-01`, tokens.viewer)).status).toBe(400);
  });

  it('lists candidates for marketing; a lead approves or hides; the public feed has approved reviews only', async () => {
    const list = async (state: string) => (await getJson<{ items: { id: number; text: string }[] }>(`${server.url}/api/marketing/reviews?state=${state}`, tokens.viewer)).body.items;
    const xssId = data.mentionIds[XSS_INDEX] ?? 0;
    expect((await list('candidate')).map((r) => r.id).sort()).toEqual([data.mentionIds[3], xssId].sort());
    expect((await postJson(`${server.url}/api/marketing/reviews/${xssId}`, { action: 'approve' }, tokens.lead)).status).toBe(200);
    expect((await postJson(`${server.url}/api/marketing/reviews/${data.mentionIds[3]}`, { action: 'hide' }, tokens.lead)).status).toBe(200);
    expect((await postJson(`${server.url}/api/marketing/reviews/${data.mentionIds[10]}`, { action: 'approve' }, tokens.lead)).status).toBe(409);
    expect((await list('approved')).map((r) => r.id)).toEqual([data.mentionIds[4], xssId]);

    const res = await fetch(`${server.url}/api/public/reviews`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const feed = (await res.json()) as { brand: string; aggregate: { rating_value: number; review_count: number }; reviews: { id: number; text: string; url: string | null; author: string }[] };
    // All 10 live rated reviews (the nine in January and the one from June): 35 / 10.
    expect(feed.aggregate).toEqual({ rating_value: 3.5, review_count: 10 });
    expect(feed.reviews.map((r) => r.id)).toEqual([data.mentionIds[4], xssId]);
    const xss = feed.reviews[1];
    expect(xss).toMatchObject({ text: XSS_TEXT, url: null, author: '" onmouseover="x' });
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect((await fetch(`${server.url}/api/public/reviews`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const preflight = await fetch(`${server.url}/api/public/reviews`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');

    const csvRes = await fetch(`${server.url}/api/public/reviews.csv`);
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csvRes.headers.get('access-control-allow-origin')).toBe('*');
    const csv = await csvRes.text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,source,author,rating,title,text,location,published_at,url');
    expect(lines[1]).toBe(`${data.mentionIds[4]},maps,Ann,5,,Lovely place,Soho,2026-01-08T11:00:00.000Z,https://example.org/r/4`);
    expect(lines[2]).toBe(`${xssId},maps,""" onmouseover=""x",5,,"${XSS_TEXT.replace(/"/g, '""')}",Soho,2025-06-01T10:00:00.000Z,`);
  });

  it('escapes review text inside the JSON-LD so it can never close the script element', async () => {
    const res = await fetch(`${server.url}/api/public/reviews.jsonld`);
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const raw = await res.text();
    expect(raw).not.toMatch(/[<>]/);
    expect(raw).toContain('\\u003c/script\\u003e');
    expect(raw).toContain('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
    const doc = JSON.parse(raw) as { '@type': string; name: string; aggregateRating: Record<string, unknown>; review: { '@type': string; reviewBody: string; url?: string; author: { name: string }; reviewRating: { ratingValue: number } }[] };
    expect(doc).toMatchObject({ '@type': 'Organization', name: 'Northwind <Coffee>', aggregateRating: { '@type': 'AggregateRating', ratingValue: 3.5, reviewCount: 10, bestRating: 5 } });
    expect(doc.review.map((r) => r.reviewBody)).toEqual(['Lovely place', XSS_TEXT]);
    expect(doc.review[1]).toMatchObject({ '@type': 'Review', author: { name: '" onmouseover="x' }, reviewRating: { ratingValue: 5 } });
    expect(doc.review[1]?.url).toBeUndefined();
    const script = await (await fetch(`${server.url}/api/public/reviews.jsonld?format=script`)).text();
    expect(script.match(/<\/script>/g)).toHaveLength(1);
    expect(script.startsWith('<script type="application/ld+json">{')).toBe(true);
  });

  it('serves the widget as a public, cacheable, CORS-enabled script that only ever sets text', async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const js = await res.text();
    expect(js).toContain('/api/public/reviews');
    expect(js).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });

  it('creates, lists and revokes tokens from the CLI; only a SHA-256 hash is stored', async () => {
    const created = await repwatch(['token', 'create', '--role', 'viewer', '--name', 'wall screen', '--db', data.file, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const { id, token, role } = lastJsonLine(created.stdout) as { id: number; token: string; role: string };
    expect(role).toBe('viewer');
    const check = checkDb(data.file);
    const row = check.prepare('select * from api_tokens where id = ?').get(id) as Record<string, unknown>;
    check.close();
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await getJson(`${server.url}/api/session`, token)).body).toMatchObject({ name: 'wall screen', role: 'viewer' });
    const listed = await repwatch(['token', 'list', '--db', data.file, '--json']);
    expect(listed.stdout).not.toContain(token);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ id, name: 'wall screen', role: 'viewer', revoked_at: null }));
    const plain = await repwatch(['token', 'create', '--role', 'agent', '--db', data.file]);
    expect(plain.stdout.trim()).toMatch(/^rw_[\w-]{30,}$/);
    expect((await repwatch(['token', 'create', '--role', 'root', '--db', data.file])).code).toBe(2);
    expect((await repwatch(['token', 'revoke', String(id), '--db', data.file])).code).toBe(0);
    expect((await getJson(`${server.url}/api/session`, token)).status).toBe(401);
  });

  it('keeps the January figures when the dataset is read with the defaults (last 90 days: nothing)', async () => {
    const { body } = await getJson<{ summary: { volume: number } }>(`${server.url}/api/analytics/summary`, tokens.viewer);
    expect(body.summary.volume).toBe(HAND_ITEMS.filter((i) => i.published >= new Date(Date.now() - 90 * 86_400_000).toISOString()).length);
  });
});
