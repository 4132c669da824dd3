import { z } from 'zod';
import { alertLines, alertPriority, alertTags, linksTask, oneLine, alertTitle } from './format.ts';
import { parseJsonOrNull, postJson } from './http-post.ts';
import { defineChannel, DeliveryError, readEnv, type ChannelProblem } from './types.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as REPWATCH_ZENDESK_TOKEN');

const createdSchema = z.object({ ticket: z.object({ id: z.number().int(), url: z.string() }) });

/** Zendesk-style helpdesk: one ticket per alert, linked back to the task through its id. */
export const zendeskChannel = defineChannel({
  type: 'zendesk',
  schema: z
    .object({
      name: z.string().min(1),
      type: z.literal('zendesk'),
      base_url: z.url(),
      email_env: envName,
      token_env: envName,
      tags: z.array(z.string().regex(/^[a-z0-9_-]+$/, 'lower-case tag without spaces')).default([]),
      timeout_seconds: z.number().positive().default(15),
    })
    .strict(),
  resolve(block, env) {
    const problems: ChannelProblem[] = [];
    const email = readEnv(env, block.email_env, 'email_env', problems);
    const token = readEnv(env, block.token_env, 'token_env', problems);
    return {
      settings: { baseUrl: block.base_url.replace(/\/+$/, ''), email: email ?? '', token: token ?? '', tags: block.tags, timeoutMs: block.timeout_seconds * 1000 },
      problems,
    };
  },
  sender(name, settings: ZendeskSettings) {
    // API token auth: "{email}/token:{token}", base64 in a Basic header.
    const authorization = `Basic ${Buffer.from(`${settings.email}/token:${settings.token}`).toString('base64')}`;
    return async (message) => {
      const ticket = {
        subject: oneLine(`[repwatch] ${alertTitle(message)}`, 150),
        comment: { body: alertLines(message).join('\n') },
        priority: alertPriority(message),
        tags: [...new Set([...alertTags(message), ...settings.tags])],
        // Lets an agent (or a script) find the ticket for an outbox row.
        external_id: message.idempotencyKey,
      };
      const headers = {
        authorization,
        // Zendesk replays the first answer for a repeated key, so a resend after a crash opens no second ticket.
        'idempotency-key': message.idempotencyKey,
      };
      const text = await postJson(name, `${settings.baseUrl}/api/v2/tickets.json`, JSON.stringify({ ticket }), headers, settings.timeoutMs, [settings.token, authorization]);
      const created = createdSchema.safeParse(parseJsonOrNull(text));
      // A 2xx without a ticket is a login page or a wrong base_url, not a ticket: retrying will not help.
      if (!created.success) throw new DeliveryError(`channel ${name}: ${settings.baseUrl} answered without a ticket id; check base_url`, name, false);
      if (!linksTask(message)) return {};
      // The API answers with its own JSON URL; an agent wants the ticket's page.
      return { ticketId: String(created.data.ticket.id), ticketUrl: `${settings.baseUrl}/agent/tickets/${created.data.ticket.id}` };
    };
  },
});

export type ZendeskSettings = { baseUrl: string; email: string; token: string; tags: string[]; timeoutMs: number };
