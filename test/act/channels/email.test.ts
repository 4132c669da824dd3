import { afterEach, describe, expect, it } from 'vitest';
import { emailChannel, messageIdFor, type EmailSettings } from '../../../src/act/channels/email.ts';
import { closedPort } from '../../helpers/net.ts';
import { startFakeSmtp, startSilentServer, type FakeSmtp } from '../../helpers/fake-services.ts';
import { useTempDir } from '../../helpers/temp.ts';
import { parseMail } from './mime.ts';
import { deliveryRig, everyKind, flagged, HOSTILE, mention, rejection } from './fixtures.ts';

const tempDir = useTempDir();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

const PASSWORD = 'sm7p-Pa55word-secret';

async function setup(env: Record<string, string> = { SMTP_USER: 'alerts', SMTP_PASS: PASSWORD }) {
  const smtp = await startFakeSmtp({ user: 'alerts', pass: PASSWORD });
  cleanups.push(() => smtp.close());
  const block = emailChannel.schema.parse({
    name: 'ops',
    type: 'email',
    host: '127.0.0.1',
    port: smtp.port,
    user_env: 'SMTP_USER',
    password_env: 'SMTP_PASS',
    from: 'Repwatch <alerts@shop.example>',
    to: ['support@shop.example', 'Менеджер <boss@shop.example>'],
    timeout_seconds: 2,
  });
  const { settings, problems } = emailChannel.resolve(block, env);
  return { smtp, settings, problems, send: emailChannel.sender('ops', settings, { write: () => {} }) };
}

/** The mails the server received, headers decoded and bodies read from their MIME parts. */
const mails = (smtp: FakeSmtp) => smtp.mails.map((m) => ({ ...m, ...parseMail(m.raw) }));

const sendWith = (settings: EmailSettings) => emailChannel.sender('ops', settings, { write: () => {} });

describe('email channel: SMTP to a real server in the test process', () => {
  it('sends one UTF-8 mail with subject, text and escaped HTML, after logging in', async () => {
    const { smtp, send, problems } = await setup();
    expect(problems).toEqual([]);
    await send(flagged({ mention: mention({ title: 'Ужасный сервис' }) }));
    expect(smtp.logins).toEqual(['alerts']);
    expect(smtp.mails).toHaveLength(1);
    const mail = mails(smtp)[0]!;
    expect(mail.envelope).toEqual({ from: 'alerts@shop.example', to: ['support@shop.example', 'boss@shop.example'] });
    expect(mail.subject).toBe('[repwatch] 1★ negative review on generic-html: Ужасный сервис');
    expect(mail.headers.get('message-id')).toBe(messageIdFor('alert:7:low-rating:ops', 'Repwatch <alerts@shop.example>'));
    expect(mail.headers.get('message-id')).toMatch(/^<repwatch\.alert\.7\.low-rating\.ops\.[0-9a-f]{16}@shop\.example>$/);
    expect(mail.headers.get('x-repwatch-key')).toBe('alert:7:low-rating:ops');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    // The text part keeps the review exactly; the HTML part shows it as text.
    expect(mail.text).toContain(`> ${HOSTILE}`);
    expect(mail.text).toContain('★☆☆☆☆ (1/5)');
    expect(mail.html).toContain('Кофе холодный &lt;script&gt;alert(1)&lt;/script&gt; and &quot;quotes&quot;');
    expect(mail.html).not.toMatch(/<script|<b>\s*Иван|Иван <b>/);
  });

  it('gives a resend of the same alert the same Message-ID', async () => {
    const { smtp, send } = await setup();
    await send(flagged());
    await send(flagged());
    await send({ ...flagged(), idempotencyKey: 'alert:8:low-rating:ops' });
    const ids = mails(smtp).map((m) => m.headers.get('message-id'));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('formats every alert kind, and sends without login when no user is configured', async () => {
    const { smtp, settings } = await setup();
    const send = sendWith({ ...settings, auth: null });
    for (const message of everyKind) await send(message);
    expect(smtp.logins).toEqual([]);
    expect(mails(smtp).map((m) => m.subject)).toEqual([
      '[repwatch] 1★ negative review on generic-html: Кофе холодный <script>alert(1)</script> and "quotes" &…',
      '[repwatch] daily digest: 2 flagged mentions',
      '[repwatch] source generic-html for shop is layout_changed (was ok)',
      '[repwatch] 12 negative mentions of shop in 6 h',
      '[repwatch] average rating of shop dropped by 0.75',
      '[repwatch] SLA breached on task #42: Кофе холодный <script>alert(1)</script> and "quotes" &…',
    ]);
    expect(mails(smtp)[1]!.html).toContain('<ol>');
    expect(mails(smtp)[2]!.html).toContain('no review nodes &lt;div class=&quot;r&quot;&gt;');
  });

  it('retries 4xx replies and lost connections, not 5xx rejections', async () => {
    const { smtp, send } = await setup();
    smtp.failNext.push({ stage: 'mail', code: 451, message: 'Greylisted, try again later' });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: true });
    smtp.failNext.push({ stage: 'data', code: 452, message: 'Mailbox full, try later' });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: true });
    smtp.failNext.push({ stage: 'rcpt', code: 550, message: 'No such user here' }, { stage: 'rcpt', code: 550, message: 'No such user here' });
    const rejected = await rejection(() => send(flagged()));
    expect(rejected).toMatchObject({ retryable: false });
    expect(rejected.message).toMatch(/^channel ops: SMTP 127\.0\.0\.1:\d+ EENVELOPE 550: /);
    smtp.failNext.push({ stage: 'data', code: 554, message: 'Message rejected as spam' });
    expect(await rejection(() => send(flagged()))).toMatchObject({ retryable: false });
    expect(smtp.mails).toHaveLength(0);
  });

  it('resends when one recipient is refused for now; reports one refused for good without resending', async () => {
    const { smtp, settings } = await setup();
    const lines: string[] = [];
    const send = emailChannel.sender('ops', settings, { write: (l) => lines.push(l) });
    smtp.failNext.push({ stage: 'rcpt', code: 450, message: 'Mailbox busy' });
    const error = await rejection(() => send(flagged()));
    expect(error).toMatchObject({ retryable: true });
    expect(error.message).toMatch(/refused support@shop\.example \(450\)/);
    smtp.failNext.push({ stage: 'rcpt', code: 550, message: 'No such user here' });
    await send(flagged());
    expect(lines).toEqual([expect.stringMatching(/^\[alert:ops\] SMTP .* refused support@shop\.example \(550\); sent to boss@shop\.example only$/)]);
    expect(smtp.mails.map((m) => m.envelope.to)).toEqual([['boss@shop.example'], ['boss@shop.example']]);
  });

  it('retries a refused connection and a server that never greets', async () => {
    const { settings } = await setup();
    const port = await closedPort();
    const refused = await rejection(() => sendWith({ ...settings, port })(flagged()));
    expect(refused).toMatchObject({ retryable: true });
    expect(refused.message).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const hung = await rejection(() => sendWith({ ...settings, port: silent.port, timeoutMs: 300 })(flagged()));
    expect(hung).toMatchObject({ retryable: true });
    expect(hung.message).toMatch(/ETIMEDOUT/);
  });

  it('does not retry a wrong password, and never shows it', async () => {
    const { settings } = await setup();
    const wrong = 'wr0ng-Secret-Passw0rd';
    const error = await rejection(() => sendWith({ ...settings, auth: { user: 'alerts', pass: wrong } })(flagged()));
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toMatch(/EAUTH 535/);
    expect(error.message).not.toContain(wrong);
    expect(String(error.cause ?? '')).not.toContain(wrong);
  });

  it('reports a missing password variable on password_env, and half-configured auth in the schema', async () => {
    const { problems } = await setup({ SMTP_USER: 'alerts' });
    expect(problems).toEqual([{ path: ['password_env'], message: expect.stringContaining('SMTP_PASS is not set') }]);
    const half = emailChannel.schema.safeParse({ name: 'ops', type: 'email', host: 'h', user_env: 'SMTP_USER', from: 'a@b.c', to: ['d@e.f'] });
    expect(half.success ? [] : half.error.issues.map((i) => i.path)).toEqual([['password_env']]);
    expect(emailChannel.schema.safeParse({ name: 'ops', type: 'email', host: 'h', from: 'a@b.c', to: [] }).success).toBe(false);
  });

  it('through the outbox: the server says 451, then accepts, and the mail arrives once', async () => {
    const { smtp, settings } = await setup();
    const rig = deliveryRig(tempDir(), { name: 'ops', type: 'email', settings });
    smtp.failNext.push({ stage: 'mail', code: 451, message: 'Temporary local problem' });
    expect(await rig.deliver()).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    expect(rig.row()?.lastError).toMatch(/451/);
    rig.advance(5_000);
    expect(await rig.deliver()).toMatchObject({ sent: 1, pending: 0 });
    expect(await rig.deliver()).toMatchObject({ sent: 0, pending: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(mails(smtp)[0]!.subject).toBe('[repwatch] 1★ negative review on generic-html: Холодный кофе, грубый персонал <script>alert(1)</script>');
    expect(mails(smtp)[0]!.headers.get('x-repwatch-key')).toBe(rig.row()?.idempotencyKey);
  });
});

