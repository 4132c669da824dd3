import { createHash } from 'node:crypto';
import nodemailer, { type NodemailerError, type SMTPSentMessageInfo } from 'nodemailer';
import { z } from 'zod';
import { alertHtml, alertLines, alertTitle, redact } from './format.ts';
import { defineChannel, DeliveryError, readEnv, type ChannelProblem, type OutboxMessage } from './types.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as REPWATCH_SMTP_PASSWORD');

/**
 * The same idempotency key always gives the same Message-ID, so a resend
 * after a crash threads with (and can be deduplicated against) the first copy.
 * Colons are not allowed there, hence the readable part plus a hash.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'repwatch.invalid';
  const readable = idempotencyKey.replace(/[^A-Za-z0-9_-]+/g, '.').slice(0, 80);
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16);
  return `<repwatch.${readable}.${hash}@${domain}>`;
}

export function emailSubject(message: OutboxMessage): string {
  return `[repwatch] ${alertTitle(message)}`;
}

/** Errors that no reply code explains and that retrying will not fix: wrong settings or credentials. */
const CONFIG_ERRORS = new Set(['EAUTH', 'ENOAUTH', 'ECONFIG', 'ETLS', 'EREQUIRETLS', 'EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

/**
 * SMTP reply classes: 4xx is "try later", 5xx is a permanent rejection (503
 * is a session-state error and is safe to retry, nodemailer's `permanent`
 * already says so). Without a reply, connection trouble is worth retrying.
 */
export function isRetryableSmtpError(e: NodemailerError): boolean {
  if (typeof e.responseCode === 'number') return !(e.permanent ?? (e.responseCode >= 500 && e.responseCode !== 503));
  return !CONFIG_ERRORS.has(e.code ?? '');
}

/** SMTP through nodemailer: one connection per alert, text and HTML parts, UTF-8 throughout. */
export const emailChannel = defineChannel({
  type: 'email',
  schema: z
    .object({
      name: z.string().min(1),
      type: z.literal('email'),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(587),
      // true for implicit TLS (port 465); false upgrades with STARTTLS when the server offers it.
      secure: z.boolean().default(false),
      require_tls: z.boolean().default(false),
      user_env: envName.optional(),
      password_env: envName.optional(),
      from: z.string().min(3),
      to: z.array(z.string().min(3)).min(1),
      timeout_seconds: z.number().positive().default(30),
    })
    .strict()
    .refine((c) => (c.user_env === undefined) === (c.password_env === undefined), { message: 'set both user_env and password_env, or neither', path: ['password_env'] }),
  resolve(block, env) {
    const problems: ChannelProblem[] = [];
    const user = readEnv(env, block.user_env, 'user_env', problems);
    const password = readEnv(env, block.password_env, 'password_env', problems);
    const settings: EmailSettings = {
      host: block.host,
      port: block.port,
      secure: block.secure,
      requireTls: block.require_tls,
      auth: user !== null && password !== null ? { user, pass: password } : null,
      from: block.from,
      to: block.to,
      timeoutMs: block.timeout_seconds * 1000,
    };
    return { settings, problems };
  },
  sender(name, settings: EmailSettings, { write }) {
    const transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      requireTLS: settings.requireTls,
      ...(settings.auth ? { auth: settings.auth } : {}),
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    });
    const secrets = [settings.auth?.pass, settings.auth?.user];
    return async (message) => {
      let info: SMTPSentMessageInfo;
      try {
        info = await transport.sendMail({
          from: settings.from,
          to: settings.to,
          subject: emailSubject(message),
          text: alertLines(message).join('\n'),
          html: alertHtml(message),
          messageId: messageIdFor(message.idempotencyKey, settings.from),
          headers: {
            'X-Repwatch-Key': message.idempotencyKey,
            // RFC 3834: keeps out-of-office replies away from the alert sender.
            'Auto-Submitted': 'auto-generated',
          },
        });
      } catch (e) {
        const err = e as NodemailerError;
        const what = [err.code, err.responseCode].filter((x) => x !== undefined).join(' ');
        const text = `channel ${name}: SMTP ${settings.host}:${settings.port} ${what ? `${what}: ` : ''}${err.message}`;
        throw new DeliveryError(redact(text, secrets), name, isRetryableSmtpError(err));
      }
      // Some recipients refused, the others have the mail. A temporary refusal is worth a
      // resend to everyone (same Message-ID, so the copies are recognisable); a permanent
      // one would only repeat the mail to the others, so it is reported and the alert is done.
      const refused = info.rejectedErrors ?? [];
      if (info.rejected.length === 0) return;
      const summary = `SMTP ${settings.host}:${settings.port} refused ${info.rejected.join(', ')} (${refused.map((r) => r.responseCode ?? r.code).join(', ')})`;
      if (refused.some((r) => isRetryableSmtpError(r))) throw new DeliveryError(`channel ${name}: ${summary}`, name, true);
      write(`[alert:${name}] ${summary}; sent to ${info.accepted.join(', ')} only`);
    };
  },
});

export type EmailSettings = {
  host: string;
  port: number;
  secure: boolean;
  requireTls: boolean;
  auth: { user: string; pass: string } | null;
  from: string;
  to: string[];
  timeoutMs: number;
};
