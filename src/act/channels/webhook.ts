import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { postJson } from './http-post.ts';
import { defineChannel, readEnv, type ChannelProblem } from './types.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as REPWATCH_WEBHOOK_SECRET');

/** Generic webhook: JSON body, Idempotency-Key header, and an HMAC-SHA256 signature when a secret is set. */
export const webhookChannel = defineChannel({
  type: 'webhook',
  schema: z
    .object({
      name: z.string().min(1),
      type: z.literal('webhook'),
      url: z.url().optional(),
      url_env: envName.optional(),
      secret_env: envName.optional(),
      timeout_seconds: z.number().positive().default(10),
    })
    .strict()
    .refine((c) => c.url !== undefined || c.url_env !== undefined, { message: 'a webhook channel needs url or url_env' }),
  resolve(block, env) {
    const problems: ChannelProblem[] = [];
    const url = block.url ?? readEnv(env, block.url_env, 'url_env', problems);
    const secret = readEnv(env, block.secret_env, 'secret_env', problems);
    return { settings: { url: url ?? '', secret, timeoutMs: block.timeout_seconds * 1000 }, problems };
  },
  sender(name, settings) {
    return async (message) => {
      const body = JSON.stringify({ id: message.idempotencyKey, kind: message.kind, ...message.payload });
      const timestamp = Math.floor(Date.now() / 1000).toString();
      const headers: Record<string, string> = { 'idempotency-key': message.idempotencyKey, 'x-repwatch-timestamp': timestamp };
      if (settings.secret) headers['x-repwatch-signature'] = `sha256=${createHmac('sha256', settings.secret).update(`${timestamp}.${body}`).digest('hex')}`;
      await postJson(name, settings.url, body, headers, settings.timeoutMs);
    };
  },
});

export type WebhookSettings = { url: string; secret: string | null; timeoutMs: number };
