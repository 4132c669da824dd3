import { afterEach, describe, expect, it } from 'vitest';
import { jiraChannel, type JiraSettings } from '../../../src/act/channels/jira.ts';
import { closedPort } from '../../helpers/net.ts';
import { startFakeJira, type FakeJira } from '../../helpers/fake-services.ts';
import { useTempDir } from '../../helpers/temp.ts';
import { deliveryRig, everyKind, flagged, HOSTILE, mention, rejection } from './fixtures.ts';

const tempDir = useTempDir();
const fakes: FakeJira[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

const TOKEN = 'jiraPAT-77f0-SECRET-b2';
const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

async function setup(auth: 'bearer' | 'basic' = 'bearer', extra: Record<string, unknown> = {}) {
  const fake = await startFakeJira('OPS', auth === 'bearer' ? `Bearer ${TOKEN}` : basic('bot@shop.example', TOKEN));
  fakes.push(fake);
  const block = jiraChannel.schema.parse({
    name: 'ops',
    type: 'jira',
    base_url: fake.url,
    project: 'OPS',
    token_env: 'JIRA_TOKEN',
    ...(auth === 'basic' ? { email_env: 'JIRA_EMAIL' } : {}),
    timeout_seconds: 2,
    ...extra,
  });
  const { settings, problems } = jiraChannel.resolve(block, { JIRA_TOKEN: TOKEN, JIRA_EMAIL: 'bot@shop.example' });
  expect(problems).toEqual([]);
  return { fake, settings, send: jiraChannel.sender('ops', settings, { write: () => {} }) };
}

describe('jira channel: issues on a local Jira-style API', () => {
  it('creates an issue with project, summary, description, type, priority and labels; returns the key and browse URL', async () => {
    const { fake, send } = await setup();
    expect(await send(flagged())).toEqual({ ticketId: 'OPS-1', ticketUrl: `${fake.url}/browse/OPS-1` });
    const { fields } = fake.issues[0]!;
    expect(fields).toMatchObject({
      project: { key: 'OPS' },
      issuetype: { name: 'Task' },
      priority: { name: 'High' },
      labels: ['repwatch', 'repwatch_mention_flagged', 'low-rating', 'generic-html', 'shop'],
    });
    expect(fields.summary).toMatch(/^1★ negative review on generic-html: Кофе холодный <script>/);
    // Wiki markup in the review cannot render: the body sits in one {noformat} block.
    const description = String(fields.description);
    expect(description.startsWith('{noformat}\n')).toBe(true);
    expect(description).toContain(`> ${HOSTILE}`);
    expect(description).toContain('\nReview: https://reviews.example/r/7?a=1&b=2');
  });

  it('uses basic auth with email_env, a custom issue type and priority names', async () => {
    const { fake, send } = await setup('basic', { issue_type: 'Bug', priority_names: { high: 'P1' }, labels: ['reviews'] });
    expect(await send(flagged())).toMatchObject({ ticketId: 'OPS-1' });
    expect(fake.issues[0]!.fields).toMatchObject({ issuetype: { name: 'Bug' }, priority: { name: 'P1' }, labels: expect.arrayContaining(['reviews']) });
  });

  it('keeps a review that tries to close the {noformat} block inside it', async () => {
    const { fake, send } = await setup();
    await send(flagged({ mention: mention({ text: 'ok {noformat} [click|javascript:alert(1)] {color:red}x{color}' }) }));
    const description = String(fake.issues[0]!.fields.description);
    expect(description.match(/\{noformat\}/g)).toHaveLength(2);
  });

  it('opens an issue for every other kind, without a ticket id for a task', async () => {
    const { fake, send } = await setup();
    const results = [];
    for (const message of everyKind.slice(1)) results.push(await send(message));
    expect(results).toEqual([{}, {}, {}, {}, {}]);
    expect(fake.issues.map((i) => (i.fields.priority as { name: string }).name)).toEqual(['Highest', 'Medium', 'High', 'High', 'High']);
    expect(fake.issues[0]!.fields.summary).toBe('daily digest: 2 flagged mentions');
  });

  it('classifies failures and keeps the token out of them', async () => {
    const { fake, settings, send } = await setup();
    fake.failNext.push({ status: 429, body: { errorMessages: ['Rate limit exceeded'] }, headers: { 'retry-after': '12' } });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: true, retryAfterMs: 12_000 });
    fake.failNext.push({ status: 500, body: { errorMessages: ['Internal server error'] } });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: true });
    const wrongProject: JiraSettings = { ...settings, project: 'NOPE' };
    expect(await rejection(() => jiraChannel.sender('ops', wrongProject, { write: () => {} })(flagged()))).toMatchObject({ retryable: false, message: 'channel ops: HTTP 400' });
    const wrongToken: JiraSettings = { ...settings, token: 'bad-Jira-SECRET-token' };
    const unauthorized = await rejection(() => jiraChannel.sender('ops', wrongToken, { write: () => {} })(flagged()));
    expect(unauthorized).toMatchObject({ retryable: false, message: 'channel ops: HTTP 401' });
    fake.failNext.push({ status: 200, body: { id: 1 } });
    expect((await rejection(() => send(flagged()))).message).toContain('answered without an issue key');
    const port = await closedPort();
    const down = await rejection(() => jiraChannel.sender('ops', { ...settings, baseUrl: `http://127.0.0.1:${port}` }, { write: () => {} })(flagged()));
    expect(down).toMatchObject({ retryable: true });
    for (const e of [unauthorized, down]) {
      expect(e.message).not.toContain(TOKEN);
      expect(e.message).not.toContain('bad-Jira-SECRET-token');
    }
    expect(fake.issues).toHaveLength(0);
  });

  it('reports missing variables on their fields', () => {
    const block = jiraChannel.schema.parse({ name: 'ops', type: 'jira', base_url: 'https://jira.example', project: 'OPS', email_env: 'JIRA_EMAIL', token_env: 'JIRA_TOKEN' });
    expect(jiraChannel.resolve(block, { JIRA_EMAIL: 'a@b.c' }).problems).toEqual([{ path: ['token_env'], message: expect.stringContaining('JIRA_TOKEN is not set') }]);
    expect(jiraChannel.resolve(block, { JIRA_TOKEN: 't' }).problems.map((p) => p.path)).toEqual([['email_env']]);
    const lower = jiraChannel.schema.safeParse({ name: 'ops', type: 'jira', base_url: 'https://jira.example', project: 'ops', token_env: 'JIRA_TOKEN' });
    expect(lower.success ? [] : lower.error.issues.map((i) => i.path)).toEqual([['project']]);
  });

  it('through the outbox: fails, recovers, opens one issue and links it to the task', async () => {
    const { fake, settings } = await setup();
    const rig = deliveryRig(tempDir(), { name: 'ops', type: 'jira', settings });
    fake.failNext.push({ status: 503, body: 'maintenance' });
    expect(await rig.deliver()).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    rig.advance(5_000);
    expect(await rig.deliver()).toMatchObject({ sent: 1, pending: 0 });
    expect(await rig.deliver()).toMatchObject({ sent: 0, pending: 0 });
    expect(fake.issues).toHaveLength(1);
    expect(rig.task()).toMatchObject({ ticketId: 'OPS-1', ticketUrl: `${fake.url}/browse/OPS-1` });
  });
});
