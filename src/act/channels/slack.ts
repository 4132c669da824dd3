import { z } from 'zod';
import { alertView, stars, truncate, type AlertView } from './format.ts';
import { postJson } from './http-post.ts';
import { defineChannel, readEnv, type ChannelProblem } from './types.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as REPWATCH_SLACK_WEBHOOK_URL');

/**
 * Slack mrkdwn treats `<...>` as links and mentions (`<!channel>` pings a
 * whole channel), so scraped text gets Slack's own three escapes.
 */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

type Block = Record<string, unknown>;

/** Slack's limits: header 150 chars, section text 3000, button url 3000. */
const plainText = (text: string, max: number) => ({ type: 'plain_text', text: truncate(text, max - 1), emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: truncate(text, 2990) });

function factsText(view: AlertView): string {
  const lines = view.facts.filter((f) => f.label !== 'Task').map((f) => `*${f.label}:* ${slackEscape(f.value)}`);
  if (view.rating !== null) lines.unshift(`${stars(view.rating)}  ${view.rating}/5`);
  return lines.join('\n');
}

const button = (url: string, text: string) => ({ type: 'button', text: plainText(text, 75), url });

function itemBlocks(view: AlertView): Block[] {
  const blocks: Block[] = [{ type: 'section', text: mrkdwn(factsText(view)) }];
  if (view.quote) blocks.push({ type: 'section', text: mrkdwn(view.quote.split('\n').map((l) => `>${slackEscape(l)}`).join('\n')) });
  const context: string[] = [];
  if (view.taskId !== null) context.push(`Task #${view.taskId}`);
  if (view.link) blocks.push({ type: 'actions', elements: [button(view.link, 'Open the review')] });
  if (context.length > 0) blocks.push({ type: 'context', elements: [mrkdwn(context.join(' · '))] });
  return blocks;
}

export function slackMessage(view: AlertView): { text: string; blocks: Block[] } {
  const blocks: Block[] = [{ type: 'header', text: plainText(view.title, 150) }, ...itemBlocks(view)];
  // A digest lists one compact section per item, within Slack's 50 blocks.
  for (const item of view.items) {
    const section: Block = { type: 'section', text: mrkdwn(`*${slackEscape(item.title)}*\n${factsText(item)}`) };
    if (item.link) section.accessory = button(item.link, 'Open');
    blocks.push(section);
  }
  if (view.more > 0) blocks.push({ type: 'context', elements: [mrkdwn(`…and ${view.more} more`)] });
  // `text` is the notification and screen-reader fallback; also mrkdwn, so escaped too.
  return { text: slackEscape(view.title), blocks };
}

/** Slack incoming webhook. The URL itself is the credential, so it only comes from the environment. */
export const slackChannel = defineChannel({
  type: 'slack',
  schema: z
    .object({
      name: z.string().min(1),
      type: z.literal('slack'),
      url_env: envName,
      timeout_seconds: z.number().positive().default(10),
    })
    .strict(),
  resolve(block, env) {
    const problems: ChannelProblem[] = [];
    const url = readEnv(env, block.url_env, 'url_env', problems);
    if (url && !URL.canParse(url)) problems.push({ path: ['url_env'], message: `environment variable ${block.url_env} is not a URL; copy the webhook URL from the Slack app settings` });
    return { settings: { url: url ?? '', timeoutMs: block.timeout_seconds * 1000 }, problems };
  },
  sender(name, settings: SlackSettings) {
    return async (message) => {
      const body = JSON.stringify(slackMessage(alertView(message)));
      // Slack answers 200 "ok"; 429 with Retry-After; 400 invalid_payload, 403/404 no_service and 410 archived are final.
      // The webhook URL is the secret: neither it nor its path may reach an error.
      const path = URL.canParse(settings.url) ? new URL(settings.url).pathname : null;
      await postJson(name, settings.url, body, {}, settings.timeoutMs, [settings.url, path]);
    };
  },
});

export type SlackSettings = { url: string; timeoutMs: number };
