import { afterEach, describe, expect, it } from 'vitest';
import { zendeskChannel, type ZendeskSettings } from '../../../src/act/channels/zendesk.ts';
import { closedPort } from '../../helpers/net.ts';
import { startFakeZendesk, type FakeZendesk } from '../../helpers/fake-services.ts';
import { useTempDir } from '../../helpers/temp.ts';
import { deliveryRig, everyKind, flagged, HOSTILE, rejection } from './fixtures.ts';

const tempDir = useTempDir();
const fakes: FakeZendesk[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

const TOKEN = 'zdToken-6f1c-SECRET-9a';

async function setup() {
  const fake = await startFakeZendesk('agent@shop.example', TOKEN);
  fakes.push(fake);
  const block = zendeskChannel.schema.parse({ name: 'ops', type: 'zendesk', base_url: `${fake.url}/`, email_env: 'ZD_EMAIL', token_env: 'ZD_TOKEN', tags: ['reviews'], timeout_seconds: 2 });
  const { settings, problems } = zendeskChannel.resolve(block, { ZD_EMAIL: 'agent@shop.example', ZD_TOKEN: TOKEN });
  expect(problems).toEqual([]);
  return { fake, settings, send: zendeskChannel.sender('ops', settings, { write: () => {} }) };
}

describe('zendesk channel: tickets on a local Zendesk-style API', () => {
  it('opens a ticket with subject, plain body, priority, tags and external_id, and returns its id', async () => {
    const { fake, send } = await setup();
    const result = await send(flagged());
    expect(result).toEqual({ ticketId: '1001', ticketUrl: `${fake.url}/agent/tickets/1001` });
    expect(fake.requests[0]?.headers['idempotency-key']).toBe('alert:7:low-rating:ops');
    expect(fake.tickets).toHaveLength(1);
    const ticket = fake.tickets[0]!;
    expect(ticket).toMatchObject({ priority: 'high', external_id: 'alert:7:low-rating:ops', tags: ['repwatch', 'repwatch_mention_flagged', 'low-rating', 'generic-html', 'shop', 'reviews'] });
    expect(ticket.subject).toMatch(/^\[repwatch\] 1★ negative review on generic-html: /);
    // The comment body is plain text: the review is quoted as it was written.
    expect(ticket.body).toContain(`> ${HOSTILE}`);
    expect(ticket.body).toContain('Link: https://reviews.example/r/7?a=1&b=2');
  });

  it('opens a ticket for every other kind too, without a ticket id for a task', async () => {
    const { fake, send } = await setup();
    const results = [];
    for (const message of everyKind.slice(1)) results.push(await send(message));
    expect(results).toEqual([{}, {}, {}, {}, {}]);
    expect(fake.tickets.map((t) => t.priority)).toEqual(['urgent', 'normal', 'high', 'high', 'high']);
    // A digest is one ticket that lists its items.
    expect(fake.tickets[0]!.body).toMatch(/1\. 1★ negative review[\s\S]*2\. 2★ negative review on generic-html: Never again/);
  });

  it('opens no second ticket when an alert is resent after a crash (same Idempotency-Key)', async () => {
    const { fake, send } = await setup();
    expect(await send(flagged())).toMatchObject({ ticketId: '1001' });
    expect(await send(flagged())).toMatchObject({ ticketId: '1001' });
    expect(fake.tickets).toHaveLength(1);
  });

  it('classifies failures and keeps the token out of them', async () => {
    const { fake, settings, send } = await setup();
    fake.failNext.push({ status: 429, body: { error: 'TooManyRequests' }, headers: { 'retry-after': '60' } });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: true, retryAfterMs: 60_000 });
    fake.failNext.push({ status: 503, body: 'maintenance' });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: true });
    fake.failNext.push({ status: 422, body: { error: 'RecordInvalid' } });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: false, message: 'channel ops: HTTP 422' });
    const wrong: ZendeskSettings = { ...settings, token: 'wrong-Token-SECRET-1' };
    const unauthorized = await rejection(() => zendeskChannel.sender('ops', wrong, { write: () => {} })(flagged()));
    expect(unauthorized).toMatchObject({ retryable: false, message: 'channel ops: HTTP 401' });
    // A 200 login page from a proxy is not a ticket.
    fake.failNext.push({ status: 200, body: '<html>Sign in</html>' });
    expect((await rejection(() => send(flagged()))).message).toContain('answered without a ticket id; check base_url');
    const port = await closedPort();
    const down = await rejection(() => zendeskChannel.sender('ops', { ...settings, baseUrl: `http://127.0.0.1:${port}` }, { write: () => {} })(flagged()));
    expect(down).toMatchObject({ retryable: true });
    for (const e of [unauthorized, down]) {
      expect(e.message).not.toContain(TOKEN);
      expect(e.message).not.toContain('wrong-Token-SECRET-1');
    }
    expect(fake.tickets).toHaveLength(0);
  });

  it('reports each missing variable on its own field', () => {
    const block = zendeskChannel.schema.parse({ name: 'ops', type: 'zendesk', base_url: 'https://shop.zendesk.com', email_env: 'ZD_EMAIL', token_env: 'ZD_TOKEN' });
    expect(zendeskChannel.resolve(block, { ZD_EMAIL: 'a@b.c' }).problems).toEqual([{ path: ['token_env'], message: expect.stringContaining('ZD_TOKEN is not set') }]);
    expect(zendeskChannel.resolve(block, {}).problems.map((p) => p.path)).toEqual([['email_env'], ['token_env']]);
    expect(zendeskChannel.schema.safeParse({ name: 'ops', type: 'zendesk', base_url: 'https://x', email_env: 'ZD_EMAIL', token_env: 'ZD_TOKEN', token: 'inline' }).success).toBe(false);
  });

  it('through the outbox: fails, recovers, opens one ticket and links it to the task', async () => {
    const { fake, settings } = await setup();
    const rig = deliveryRig(tempDir(), { name: 'ops', type: 'zendesk', settings });
    const taskId = rig.task()?.id;
    expect(rig.row()?.payload.task_id).toBe(taskId);
    fake.failNext.push({ status: 502, body: 'bad gateway' });
    expect(await rig.deliver()).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    expect(rig.task()).toMatchObject({ ticketId: null });
    rig.advance(5_000);
    expect(await rig.deliver()).toMatchObject({ sent: 1, pending: 0 });
    expect(await rig.deliver()).toMatchObject({ sent: 0, pending: 0 });
    expect(fake.tickets).toHaveLength(1);
    expect(rig.task()).toMatchObject({ id: taskId, ticketId: '1001', ticketUrl: `${fake.url}/agent/tickets/1001` });
    expect(fake.tickets[0]).toMatchObject({ priority: 'high', external_id: rig.row()?.idempotencyKey });
    expect(fake.tickets[0]!.body).toContain('> Холодный кофе, грубый персонал <script>alert(1)</script>');
  });
});
