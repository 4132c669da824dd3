import { z } from 'zod';
import { alertView, escapeHtml, redact, stars, type AlertView } from './format.ts';
import { defineChannel, DeliveryError, readEnv, retryAfterMs, type ChannelProblem } from './types.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as REPWATCH_TELEGRAM_TOKEN');

/** Telegram counts 4096 characters after entity parsing; staying under it in source text is always safe. */
const MAX_MESSAGE = 4000;

function viewHtml(view: AlertView): string[] {
  const lines: string[] = [];
  if (view.rating !== null) lines.push(`${stars(view.rating)} ${view.rating}/5`);
  for (const f of view.facts) lines.push(`<b>${escapeHtml(f.label)}:</b> ${escapeHtml(f.value)}`);
  if (view.quote) lines.push(`<blockquote>${escapeHtml(view.quote)}</blockquote>`);
  if (view.link) lines.push(`<a href="${escapeHtml(view.link)}">Open the review</a>`);
  return lines;
}

/** Telegram's HTML parse mode knows only a few tags and rejects the whole message on anything else, so every field is escaped. */
export function telegramText(view: AlertView): string {
  let text = [`<b>${escapeHtml(view.title)}</b>`, ...viewHtml(view)].join('\n');
  let listed = 0;
  for (const item of view.items) {
    const link = item.link ? ` <a href="${escapeHtml(item.link)}">open</a>` : '';
    const line = `\n${listed + 1}. ${escapeHtml(item.title)}${link}`;
    // Whole lines only: cutting inside a tag would make Telegram refuse the message.
    if (text.length + line.length > MAX_MESSAGE - 40) break;
    text += line;
    listed++;
  }
  const more = view.items.length - listed + view.more;
  if (more > 0) text += `\n…and ${more} more`;
  return text;
}

const answerSchema = z.object({
  ok: z.boolean(),
  error_code: z.number().optional(),
  description: z.string().optional(),
  parameters: z.object({ retry_after: z.number().optional(), migrate_to_chat_id: z.number().optional() }).optional(),
});

/** The token is a path segment, so any URL that leaks into an error text is cut at `/bot`. */
function scrub(text: string, token: string): string {
  return redact(text, [token]).replace(/\/bot[^/\s]+/g, '/bot[redacted]');
}

/** Telegram Bot API sendMessage to one chat (a numeric id, or @channelusername). */
export const telegramChannel = defineChannel({
  type: 'telegram',
  schema: z
    .object({
      name: z.string().min(1),
      type: z.literal('telegram'),
      token_env: envName,
      chat_id: z.union([z.number().int(), z.string().regex(/^(@[A-Za-z0-9_]{4,}|-?\d+)$/, 'a numeric chat id or @channelusername')]),
      api_base: z.url().default('https://api.telegram.org'),
      timeout_seconds: z.number().positive().default(10),
    })
    .strict(),
  resolve(block, env) {
    const problems: ChannelProblem[] = [];
    const token = readEnv(env, block.token_env, 'token_env', problems);
    if (token && !/^\d+:[\w-]+$/.test(token)) problems.push({ path: ['token_env'], message: `environment variable ${block.token_env} does not look like a bot token (123456:ABC...) from @BotFather` });
    return { settings: { token: token ?? '', chatId: block.chat_id, apiBase: block.api_base.replace(/\/+$/, ''), timeoutMs: block.timeout_seconds * 1000, tokenEnv: block.token_env }, problems };
  },
  sender(name, settings: TelegramSettings) {
    // No `cause`: a fetch error keeps the request URL, and the URL holds the token.
    const fail = (text: string, retryable: boolean, after: number | null = null) => new DeliveryError(`channel ${name}: ${scrub(text, settings.token)}`, name, retryable, after);
    const chat = String(settings.chatId);
    return async (message) => {
      const body = JSON.stringify({ chat_id: settings.chatId, text: telegramText(alertView(message)), parse_mode: 'HTML', disable_web_page_preview: true });
      let response: Response;
      try {
        response = await fetch(`${settings.apiBase}/bot${settings.token}/sendMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
      } catch (e) {
        const reason = (e as Error).name === 'TimeoutError' ? `no answer within ${settings.timeoutMs} ms` : ((e as { cause?: Error }).cause?.message ?? (e as Error).message);
        throw fail(reason, true);
      }
      const raw = await response.text().catch(() => '');
      let json: unknown = null;
      try {
        json = JSON.parse(raw);
      } catch {
        // A proxy's HTML error page: judged by the status alone below.
      }
      const answer = answerSchema.safeParse(json);
      if (response.ok && answer.success && answer.data.ok) return;
      const code = (answer.success ? answer.data.error_code : undefined) ?? response.status;
      const description = answer.success && answer.data.description ? answer.data.description : `HTTP ${response.status}`;
      if (code === 429) {
        // FloodWait: Telegram says how long to wait, in seconds.
        const seconds = answer.success ? answer.data.parameters?.retry_after : undefined;
        throw fail(`Telegram flood limit for chat ${chat}, retry after ${seconds ?? '?'} s`, true, seconds !== undefined ? seconds * 1000 : retryAfterMs(response.headers.get('retry-after')));
      }
      if (code >= 500 || code === 408 || response.status >= 500) throw fail(`Telegram answered ${code}: ${description}`, true);
      if (code === 401 || code === 404) throw fail(`Telegram rejected the bot token in ${settings.tokenEnv ?? 'token_env'} (${code} ${description})`, false);
      const migrated = answer.success ? answer.data.parameters?.migrate_to_chat_id : undefined;
      const hint = migrated !== undefined ? `; the group is now chat ${migrated}, set chat_id to it` : '';
      // 400 chat not found, 403 bot blocked or kicked: the same message will be refused again.
      throw fail(`Telegram refused the message to chat ${chat}: ${description} (${code})${hint}`, false);
    };
  },
});

export type TelegramSettings = { token: string; chatId: number | string; apiBase: string; timeoutMs: number; tokenEnv?: string };
