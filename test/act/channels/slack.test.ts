import { afterEach, describe, expect, it } from 'vitest';
import { slackChannel } from '../../../src/act/channels/slack.ts';
import { closedPort } from '../../helpers/net.ts';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-services.ts';
import { useTempDir } from '../../helpers/temp.ts';
import { deliveryRig, everyKind, flagged, rejection } from './fixtures.ts';

const tempDir = useTempDir();
const fakes: FakeSlack[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function setup() {
  const fake = await startFakeSlack();
  fakes.push(fake);
  const block = slackChannel.schema.parse({ name: 'ops', type: 'slack', url_env: 'SLACK_HOOK', timeout_seconds: 2 });
  const { settings, problems } = slackChannel.resolve(block, { SLACK_HOOK: fake.webhookUrl });
  expect(problems).toEqual([]);
  return { fake, settings, send: slackChannel.sender('ops', settings, { write: () => {} }) };
}

/** Every mrkdwn string in the blocks: the ones Slack parses for links and mentions. */
function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (typeof value !== 'object' || value === null) return [];
  const o = value as Record<string, unknown>;
  const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(mrkdwnTexts)];
}

describe('slack channel: incoming webhook on 127.0.0.1', () => {
  it('posts text and Block Kit blocks: header, stars, source, author, quote, reasons, button, task', async () => {
    const { fake, send } = await setup();
    await send(flagged());
    expect(fake.messages).toHaveLength(1);
    const { text, blocks } = fake.messages[0]!;
    expect(text).toMatch(/^1★ negative review on generic-html: Кофе холодный &lt;script&gt;/);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions', 'context']);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    const facts = (blocks[1] as { text: { text: string } }).text.text;
    expect(facts).toContain('★☆☆☆☆  1/5');
    expect(facts).toContain('*Source:* generic-html (shop)');
    expect(facts).toContain('*Author:* Иван &lt;b&gt;');
    expect(facts).toContain('*Reasons:* rating 1 ≤ 2; negative words: "холодный"');
    // Scraped text stays text: no <script>, and no <!channel> ping.
    const quote = (blocks[2] as { text: { text: string } }).text.text;
    expect(quote).toBe('>Кофе холодный &lt;script&gt;alert(1)&lt;/script&gt; and "quotes" &amp; \'apostrophes\' &lt;!channel&gt;');
    // Only the quote marker at a line start may be a raw ">".
    for (const t of mrkdwnTexts(blocks)) expect(t.replace(/^>/gm, '')).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    // A header is plain_text, shown as typed: escaping it would print "&lt;".
    expect(blocks[0]).toMatchObject({ text: { text: expect.stringContaining('<script>alert(1)') } });
    expect(blocks[3]).toMatchObject({ elements: [{ type: 'button', url: 'https://reviews.example/r/7?a=1&b=2' }] });
    expect(blocks[4]).toMatchObject({ elements: [{ text: 'Task #42' }] });
  });

  it('formats every alert kind into a payload Slack accepts', async () => {
    const { fake, send } = await setup();
    for (const message of everyKind) await send(message);
    expect(fake.messages).toHaveLength(everyKind.length);
    const digest = fake.messages[1]!;
    expect(digest.blocks[0]).toMatchObject({ text: { text: 'daily digest: 2 flagged mentions' } });
    expect(digest.blocks.filter((b) => b.accessory)).toHaveLength(2);
  });

  it('keeps long reviews within Slack block limits', async () => {
    const { fake, send } = await setup();
    await send(flagged({ mention: { ...flagged().payload.mention as object, title: 'Заголовок '.repeat(40), text: 'Очень плохо. '.repeat(500) } }));
    expect(fake.messages).toHaveLength(1);
    const quote = (fake.messages[0]!.blocks[2] as { text: { text: string } }).text.text;
    expect(Array.from(quote).length).toBeLessThanOrEqual(602);
  });

  it('classifies answers: 429 waits Retry-After, 5xx retries, invalid_payload and no_service do not', async () => {
    const { fake, send } = await setup();
    fake.failNext.push({ status: 429, body: 'rate_limited', headers: { 'retry-after': '30' } });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: true, retryAfterMs: 30_000, channel: 'ops' });
    fake.failNext.push({ status: 500, body: 'rollup_error' });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: true });
    fake.failNext.push({ status: 400, body: 'invalid_payload' });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: false, message: 'channel ops: HTTP 400' });
    fake.failNext.push({ status: 404, body: 'no_service' });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: false });
    expect(fake.messages).toHaveLength(0);
  });

  it('never puts the webhook URL (the secret) in an error', async () => {
    const port = await closedPort();
    const secretUrl = `http://127.0.0.1:${port}/services/T0SECRET/B0SECRET/xoxSlackHookSecret42`;
    const send = slackChannel.sender('ops', { url: secretUrl, timeoutMs: 1000 }, { write: () => {} });
    const error = await rejection(() => send(flagged()));
    expect(error).toMatchObject({ retryable: true });
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toContain('xoxSlackHookSecret42');
    expect(error.cause).toBeUndefined();
    const bad = slackChannel.sender('ops', { url: 'http://[bad/services/xoxSlackHookSecret42', timeoutMs: 1000 }, { write: () => {} });
    expect((await rejection(() => bad(flagged()))).message).not.toContain('xoxSlackHookSecret42');
  });

  it('reports a missing or malformed webhook variable on url_env', () => {
    const block = slackChannel.schema.parse({ name: 'ops', type: 'slack', url_env: 'SLACK_HOOK' });
    expect(slackChannel.resolve(block, {}).problems).toEqual([{ path: ['url_env'], message: expect.stringContaining('SLACK_HOOK is not set') }]);
    expect(slackChannel.resolve(block, { SLACK_HOOK: 'not a url' }).problems[0]?.path).toEqual(['url_env']);
    expect(slackChannel.schema.safeParse({ name: 'ops', type: 'slack', url: 'https://hooks.slack.com/x' }).success).toBe(false);
  });

  it('through the outbox: the webhook fails, recovers, and gets the alert once', async () => {
    const { fake, settings } = await setup();
    const rig = deliveryRig(tempDir(), { name: 'ops', type: 'slack', settings });
    fake.failNext.push({ status: 503, body: 'service unavailable' });
    expect(await rig.deliver()).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    expect(rig.row()).toMatchObject({ status: 'pending', lastError: 'channel ops: HTTP 503' });
    rig.advance(5_000);
    expect(await rig.deliver()).toMatchObject({ sent: 1, pending: 0 });
    rig.advance(60_000);
    expect(await rig.deliver()).toMatchObject({ sent: 0, pending: 0 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]!.text).toContain('1★ negative review on generic-html: Холодный кофе, грубый персонал &lt;script&gt;');
  });
});
