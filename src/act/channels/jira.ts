import { z } from 'zod';
import { alertLines, alertPriority, alertTags, alertTitle, alertView, linksTask, oneLine, type TicketPriority } from './format.ts';
import { parseJsonOrNull, postJson } from './http-post.ts';
import { defineChannel, DeliveryError, readEnv, type ChannelProblem, type OutboxMessage } from './types.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as REPWATCH_JIRA_TOKEN');

const createdSchema = z.object({ id: z.string(), key: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/), self: z.string() });

/** Jira's default priority scheme; instances with their own names map them in the config. */
const DEFAULT_PRIORITY_NAMES: Record<TicketPriority, string> = { urgent: 'Highest', high: 'High', normal: 'Medium', low: 'Low' };

/**
 * v2 descriptions are wiki markup, where scraped text such as `[x|javascript:...]`
 * or `{color}` would render; {noformat} shows it literally. Its own closing tag
 * is the one thing that could end the block early, so it is broken up.
 */
export function jiraDescription(message: OutboxMessage): string {
  const body = alertLines(message).join('\n').replace(/\{noformat\}/gi, '{ noformat}');
  const link = alertView(message).link;
  return `{noformat}\n${body}\n{noformat}${link ? `\nReview: ${link}` : ''}\nrepwatch alert ${message.idempotencyKey}`;
}

/** Jira-style issue tracker: one issue per alert; the issue key lands on the task. */
export const jiraChannel = defineChannel({
  type: 'jira',
  schema: z
    .object({
      name: z.string().min(1),
      type: z.literal('jira'),
      base_url: z.url(),
      project: z.string().regex(/^[A-Z][A-Z0-9_]+$/, 'a Jira project key such as OPS'),
      issue_type: z.string().min(1).default('Task'),
      // With email_env: Basic email:token (Jira Cloud API token). Without it: Bearer token (Data Center PAT).
      email_env: envName.optional(),
      token_env: envName,
      priority_names: z.object({ low: z.string(), normal: z.string(), high: z.string(), urgent: z.string() }).partial().default({}),
      labels: z.array(z.string().regex(/^\S+$/, 'a label without spaces')).default([]),
      timeout_seconds: z.number().positive().default(15),
    })
    .strict(),
  resolve(block, env) {
    const problems: ChannelProblem[] = [];
    const email = readEnv(env, block.email_env, 'email_env', problems);
    const token = readEnv(env, block.token_env, 'token_env', problems);
    const settings: JiraSettings = {
      baseUrl: block.base_url.replace(/\/+$/, ''),
      project: block.project,
      issueType: block.issue_type,
      email,
      token: token ?? '',
      priorityNames: { ...DEFAULT_PRIORITY_NAMES, ...block.priority_names },
      labels: block.labels,
      timeoutMs: block.timeout_seconds * 1000,
    };
    return { settings, problems };
  },
  sender(name, settings: JiraSettings) {
    const authorization = settings.email !== null ? `Basic ${Buffer.from(`${settings.email}:${settings.token}`).toString('base64')}` : `Bearer ${settings.token}`;
    return async (message) => {
      const fields = {
        project: { key: settings.project },
        summary: oneLine(alertTitle(message), 250),
        description: jiraDescription(message),
        issuetype: { name: settings.issueType },
        priority: { name: settings.priorityNames[alertPriority(message)] },
        labels: [...new Set([...alertTags(message), ...settings.labels])],
      };
      // Jira has no idempotency key: a crash between its answer and our commit can open a second issue.
      const text = await postJson(name, `${settings.baseUrl}/rest/api/2/issue`, JSON.stringify({ fields }), { authorization }, settings.timeoutMs, [settings.token, authorization]);
      const created = createdSchema.safeParse(parseJsonOrNull(text));
      // A 2xx without an issue key is a login page or a wrong base_url, not an issue.
      if (!created.success) throw new DeliveryError(`channel ${name}: ${settings.baseUrl} answered without an issue key; check base_url`, name, false);
      if (!linksTask(message)) return {};
      return { ticketId: created.data.key, ticketUrl: `${settings.baseUrl}/browse/${created.data.key}` };
    };
  },
});

export type JiraSettings = {
  baseUrl: string;
  project: string;
  issueType: string;
  email: string | null;
  token: string;
  priorityNames: Record<TicketPriority, string>;
  labels: string[];
  timeoutMs: number;
};
