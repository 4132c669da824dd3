import { afterEach, describe, expect, it } from 'vitest';
import { telegramChannel, type TelegramSettings } from '../../../src/act/channels/telegram.ts';
import { closedPort } from '../../helpers/net.ts';
import { startFakeTelegram, telegramFloodWait, telegramHtmlProblem, type FakeTelegram } from '../../helpers/fake-services.ts';
import { useTempDir } from '../../helpers/temp.ts';
import { deliveryRig, everyKind, flagged, rejection } from './fixtures.ts';

const tempDir = useTempDir();
const fakes: FakeTelegram[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function setup(chatId: number | string = -1001234567890) {
  const fake = await startFakeTelegram();
  fakes.push(fake);
  fake.chats.set('-1001234567890', 'ok');
  fake.chats.set('@repwatch_alerts', 'ok');
  fake.chats.set('@blocked_chat', 'blocked');
  const block = telegramChannel.schema.parse({ name: 'ops', type: 'telegram', token_env: 'TG_TOKEN', chat_id: chatId, api_base: fake.url, timeout_seconds: 2 });
  const { settings, problems } = telegramChannel.resolve(block, { TG_TOKEN: fake.token });
  expect(problems).toEqual([]);
  return { fake, settings, send: telegramChannel.sender('ops', settings, { write: () => {} }) };
}

describe('telegram channel: Bot API sendMessage on 127.0.0.1', () => {
  it('sends HTML with every scraped field escaped, to /bot<token>/sendMessage', async () => {
    const { fake, send } = await setup();
    await send(flagged());
    expect(fake.requests[0]?.path).toBe(`/bot${fake.token}/sendMessage`);
    expect(fake.sent).toHaveLength(1);
    const sent = fake.sent[0]!;
    expect(sent).toMatchObject({ chat_id: -1001234567890, parse_mode: 'HTML', disable_web_page_preview: true });
    expect(sent.text.split('\n')[0]).toBe('<b>1★ negative review on generic-html: Кофе холодный &lt;script&gt;alert(1)&lt;/script&gt; and &quot;quotes&quot; &amp;…</b>');
    expect(sent.text).toContain('★☆☆☆☆ 1/5');
    expect(sent.text).toContain('<b>Author:</b> Иван &lt;b&gt;');
    expect(sent.text).toContain('<blockquote>Кофе холодный &lt;script&gt;alert(1)&lt;/script&gt; and &quot;quotes&quot; &amp; &#39;apostrophes&#39; &lt;!channel&gt;</blockquote>');
    expect(sent.text).toContain('<a href="https://reviews.example/r/7?a=1&amp;b=2">Open the review</a>');
    expect(sent.text).toContain('<b>Task:</b> #42');
  });

  it('the fake refuses unescaped HTML the way Telegram does', () => {
    expect(telegramHtmlProblem('a <script>alert(1)</script>')).toMatch(/can't parse entities/);
    expect(telegramHtmlProblem('Tom & Jerry')).toMatch(/can't parse entities/);
    expect(telegramHtmlProblem('<b>ok</b> &lt;x&gt; <a href="https://x">y</a>')).toBeNull();
  });

  it('formats every alert kind into a message Telegram accepts, also to an @channel', async () => {
    const { fake, send } = await setup('@repwatch_alerts');
    for (const message of everyKind) await send(message);
    expect(fake.sent.map((s) => s.chat_id)).toEqual(everyKind.map(() => '@repwatch_alerts'));
    expect(fake.sent[1]?.text).toContain('2. 2★ negative review on generic-html: Never again <a href="https://reviews.example/r/7?a=1&amp;b=2">open</a>');
  });

  it('keeps a digest of hundreds of reviews under the 4096-character limit', async () => {
    const { fake, send } = await setup();
    const items = Array.from({ length: 300 }, (_, i) => ({ ...flagged().payload, task_id: i }));
    await send({ idempotencyKey: 'digest:big', kind: 'digest', payload: { window: { from: 'a', to: 'b', every: 'hourly' }, items } });
    expect(fake.sent[0]!.text.length).toBeLessThan(4096);
    expect(fake.sent[0]!.text).toMatch(/…and \d+ more$/);
  });

  it('treats FloodWait (429 retry_after) as retryable after the given seconds', async () => {
    const { fake, send } = await setup();
    fake.failNext.push(telegramFloodWait(17));
    const error = await rejection(() => send(flagged()));
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 17_000 });
    expect(error.message).toContain('flood limit for chat -1001234567890');
    fake.failNext.push({ status: 502, body: '<html>Bad Gateway</html>' });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: true });
  });

  it('does not retry a blocked bot or a missing chat, and names the chat', async () => {
    const blocked = await setup('@blocked_chat');
    const error = await rejection(() => blocked.send(flagged()));
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toBe('channel ops: Telegram refused the message to chat @blocked_chat: Forbidden: bot was blocked by the user (403)');
    const missing = await setup(-42);
    const notFound = await rejection(() => missing.send(flagged()));
    expect(notFound).toMatchObject({ retryable: false });
    expect(notFound.message).toContain('chat -42: Bad Request: chat not found (400)');
  });

  it('never puts the token in an error: wrong token, refused connection, bad URL', async () => {
    const { fake, settings } = await setup();
    const wrong: TelegramSettings = { ...settings, token: '999:WrongSecretTokenValue' };
    const unauthorized = await rejection(() => telegramChannel.sender('ops', wrong, { write: () => {} })(flagged()));
    expect(unauthorized).toMatchObject({ retryable: false });
    expect(unauthorized.message).toContain('rejected the bot token in TG_TOKEN (401 Unauthorized)');
    expect(unauthorized.message).not.toContain('WrongSecretTokenValue');
    const down: TelegramSettings = { ...settings, apiBase: `http://127.0.0.1:${await closedPort()}` };
    const refused = await rejection(() => telegramChannel.sender('ops', down, { write: () => {} })(flagged()));
    expect(refused).toMatchObject({ retryable: true });
    expect(refused.message).toMatch(/ECONNREFUSED/);
    const broken: TelegramSettings = { ...settings, apiBase: 'http://[::1' };
    const badUrl = await rejection(() => telegramChannel.sender('ops', broken, { write: () => {} })(flagged()));
    for (const e of [refused, badUrl]) {
      expect(e.message).not.toContain(fake.token);
      expect(e.message).not.toContain('AAFakeTelegramBotTokenSecret');
      expect(e.cause).toBeUndefined();
    }
  });

  it('reports a missing or malformed token on token_env, and a bad chat_id in the schema', () => {
    const block = telegramChannel.schema.parse({ name: 'ops', type: 'telegram', token_env: 'TG_TOKEN', chat_id: '@repwatch_alerts' });
    expect(block.api_base).toBe('https://api.telegram.org');
    expect(telegramChannel.resolve(block, {}).problems).toEqual([{ path: ['token_env'], message: expect.stringContaining('TG_TOKEN is not set') }]);
    const malformed = telegramChannel.resolve(block, { TG_TOKEN: 'secret-without-colon' }).problems;
    expect(malformed.map((p) => p.path)).toEqual([['token_env']]);
    expect(JSON.stringify(malformed)).not.toContain('secret-without-colon');
    const bad = telegramChannel.schema.safeParse({ name: 'ops', type: 'telegram', token_env: 'TG_TOKEN', chat_id: 'my chat' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path)).toEqual([['chat_id']]);
  });

  it('through the outbox: FloodWait delays the retry by retry_after, then the message goes once', async () => {
    const { fake, settings } = await setup();
    const rig = deliveryRig(tempDir(), { name: 'ops', type: 'telegram', settings });
    fake.failNext.push(telegramFloodWait(30));
    expect(await rig.deliver()).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    // 30 s from Telegram beats the 5 s first backoff.
    expect(rig.row()).toMatchObject({ status: 'pending', nextAttemptAt: '2026-11-23T12:00:30.000Z' });
    rig.advance(10_000);
    expect(await rig.deliver()).toMatchObject({ sent: 0, failed: 0, pending: 1 });
    rig.advance(20_000);
    expect(await rig.deliver()).toMatchObject({ sent: 1, pending: 0 });
    expect(await rig.deliver()).toMatchObject({ sent: 0, pending: 0 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]!.text).toContain('Холодный кофе, грубый персонал &lt;script&gt;');
  });
});
