import { z } from 'zod';
import type { OutboxMessage } from './types.ts';
import { escapeHtml } from '../../text/escape-html.ts';

/**
 * Shared text of every alert kind, for the channels that format alerts for
 * people (chat, e-mail, helpdesk). The payload comes back from the outbox as
 * JSON, so it is read through zod; a payload that does not fit still gets a
 * readable fallback rather than failing the delivery.
 */

export const MAX_QUOTE_CHARS = 600;
/** Items listed one by one in a digest; the rest are counted, so chat and ticket limits hold. */
export const MAX_DIGEST_ITEMS = 20;

const mentionSchema = z.object({
  id: z.number(),
  source: z.string(),
  target: z.string(),
  url: z.string().nullable().default(null),
  author: z.string().nullable().default(null),
  rating: z.number().nullable().default(null),
  title: z.string().nullable().default(null),
  text: z.string().default(''),
  published_at: z.string().nullable().default(null),
});

const flaggedSchema = z.object({
  rule: z.string(),
  priority: z.string().default('normal'),
  reasons: z.array(z.string()).default([]),
  task_id: z.number().nullable().default(null),
  mention: mentionSchema,
  sentiment: z.object({ label: z.string() }).nullable().optional(),
  customer: z.object({ name: z.string() }).nullable().optional(),
});

const payloadSchemas = {
  mention_flagged: flaggedSchema,
  digest: z.object({ window: z.object({ from: z.string(), to: z.string(), every: z.string() }), items: z.array(flaggedSchema) }),
  source_health: z.object({ target: z.string(), source: z.string(), from: z.string(), to: z.string(), error: z.string().nullable().default(null) }),
  volume: z.object({ target: z.string(), negatives: z.number(), window_hours: z.number(), threshold: z.number() }),
  rating_drop: z.object({ target: z.string(), average_before: z.number(), average_now: z.number(), drop: z.number() }),
  sla_breach: z.object({ task_id: z.number(), due_at: z.string(), priority: z.string().default('normal'), status: z.string(), mention: mentionSchema }),
};

type Flagged = z.infer<typeof flaggedSchema>;
type Mention = z.infer<typeof mentionSchema>;

export type Alert =
  | { [K in keyof typeof payloadSchemas]: { kind: K; payload: z.infer<(typeof payloadSchemas)[K]> } }[keyof typeof payloadSchemas]
  | { kind: 'other'; name: string; payload: Record<string, unknown> };

export function parseAlert(message: OutboxMessage): Alert {
  if (Object.hasOwn(payloadSchemas, message.kind)) {
    const kind = message.kind as keyof typeof payloadSchemas;
    const parsed = payloadSchemas[kind].safeParse(message.payload);
    if (parsed.success) return { kind, payload: parsed.data } as Alert;
  }
  return { kind: 'other', name: message.kind, payload: message.payload };
}

/** What every renderer shows: plain strings, escaped by each renderer for its own markup. */
export interface AlertView {
  /** One line, no markup. */
  title: string;
  rating: number | null;
  facts: { label: string; value: string }[];
  /** The review text, truncated. */
  quote: string | null;
  /** Only http(s) links: a `javascript:` URL in a scraped page must not become a link. */
  link: string | null;
  taskId: number | null;
  items: AlertView[];
  /** Digest items not listed. */
  more: number;
}

export function stars(rating: number | null): string {
  if (rating === null || !Number.isFinite(rating)) return '';
  const filled = Math.round(Math.min(5, Math.max(0, rating)));
  return '★'.repeat(filled) + '☆'.repeat(5 - filled);
}

/**
 * At most `max` characters including the "…". Cuts by code point, so Cyrillic
 * and emoji are never split into broken halves; with `words`, at a word end.
 */
export function truncate(text: string, max = MAX_QUOTE_CHARS, words = false): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join('');
  let cut = chars.slice(0, Math.max(0, max - 1)).join('');
  const space = cut.lastIndexOf(' ');
  if (words && space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** One line: headers, chat previews and ticket subjects must not carry line breaks. */
export function oneLine(text: string, max = 120): string {
  return truncate(text.replace(/\s+/g, ' '), max, true);
}

export function safeLink(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export { escapeHtml };

/** Removes secrets from text bound for logs and the outbox's last_error. */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('[redacted]');
  }
  return out;
}

function headline(m: Mention): string {
  return oneLine(m.title?.trim() || m.text, 60) || '(no text)';
}

function mentionTitle(f: Flagged): string {
  const m = f.mention;
  const label = f.sentiment?.label ?? 'flagged';
  const what = m.rating !== null ? `${m.rating}★ ${label} review` : `${label} mention`;
  return `${what} on ${m.source}: ${headline(m)}`;
}

function mentionFacts(m: Mention): AlertView['facts'] {
  const facts = [{ label: 'Source', value: `${m.source} (${m.target})` }];
  if (m.author) facts.push({ label: 'Author', value: oneLine(m.author, 80) });
  if (m.published_at) facts.push({ label: 'Published', value: m.published_at });
  return facts;
}

function flaggedView(f: Flagged): AlertView {
  const facts = mentionFacts(f.mention);
  facts.push({ label: 'Rule', value: `${f.rule} (priority ${f.priority})` });
  if (f.reasons.length > 0) facts.push({ label: 'Reasons', value: f.reasons.join('; ') });
  if (f.customer) facts.push({ label: 'Customer', value: f.customer.name });
  if (f.task_id !== null) facts.push({ label: 'Task', value: `#${f.task_id}` });
  const quote = truncate(f.mention.text);
  return { title: mentionTitle(f), rating: f.mention.rating, facts, quote: quote || null, link: safeLink(f.mention.url), taskId: f.task_id, items: [], more: 0 };
}

const plain = (title: string, facts: AlertView['facts'] = []): AlertView => ({ title, rating: null, facts, quote: null, link: null, taskId: null, items: [], more: 0 });

export function alertView(message: OutboxMessage): AlertView {
  const alert = parseAlert(message);
  switch (alert.kind) {
    case 'mention_flagged':
      return flaggedView(alert.payload);
    case 'digest': {
      const { window, items } = alert.payload;
      const view = plain(`${window.every} digest: ${items.length} flagged mention${items.length === 1 ? '' : 's'}`, [{ label: 'Window', value: `${window.from} – ${window.to}` }]);
      return { ...view, items: items.slice(0, MAX_DIGEST_ITEMS).map(flaggedView), more: Math.max(0, items.length - MAX_DIGEST_ITEMS) };
    }
    case 'source_health': {
      const p = alert.payload;
      const facts = [{ label: 'Health', value: `${p.from} → ${p.to}` }];
      if (p.error) facts.push({ label: 'Error', value: oneLine(p.error, 300) });
      return plain(`source ${p.source} for ${p.target} is ${p.to} (was ${p.from})`, facts);
    }
    case 'volume': {
      const p = alert.payload;
      return plain(`${p.negatives} negative mentions of ${p.target} in ${p.window_hours} h`, [{ label: 'Threshold', value: `${p.threshold} in ${p.window_hours} h` }]);
    }
    case 'rating_drop': {
      const p = alert.payload;
      return plain(`average rating of ${p.target} dropped by ${p.drop.toFixed(2)}`, [{ label: 'Average', value: `${p.average_before.toFixed(2)} → ${p.average_now.toFixed(2)}` }]);
    }
    case 'sla_breach': {
      const p = alert.payload;
      const facts = [...mentionFacts(p.mention), { label: 'Task', value: `#${p.task_id} (${p.status}, priority ${p.priority})` }, { label: 'Due', value: p.due_at }];
      const quote = truncate(p.mention.text);
      return { ...plain(`SLA breached on task #${p.task_id}: ${headline(p.mention)}`, facts), rating: p.mention.rating, quote: quote || null, link: safeLink(p.mention.url), taskId: p.task_id };
    }
    case 'other':
      return plain(`${oneLine(alert.name, 40)} alert`, [{ label: 'Payload', value: truncate(JSON.stringify(alert.payload)) }]);
  }
}

export function alertTitle(message: OutboxMessage): string {
  return alertView(message).title;
}

function viewLines(view: AlertView): string[] {
  const lines: string[] = [];
  if (view.rating !== null) lines.push(`${stars(view.rating)} (${view.rating}/5)`);
  for (const f of view.facts) lines.push(`${f.label}: ${f.value}`);
  if (view.quote) lines.push('', ...view.quote.split('\n').map((l) => `> ${l}`), '');
  if (view.link) lines.push(`Link: ${view.link}`);
  return lines;
}

/** Plain text: e-mail text part and helpdesk ticket bodies. */
export function alertLines(message: OutboxMessage): string[] {
  const view = alertView(message);
  const lines = [view.title, '', ...viewLines(view)];
  view.items.forEach((item, i) => lines.push('', `${i + 1}. ${item.title}`, ...viewLines(item).map((l) => (l ? `   ${l}` : l))));
  if (view.more > 0) lines.push('', `…and ${view.more} more`);
  return lines;
}

function viewHtml(view: AlertView): string {
  const parts: string[] = [];
  if (view.rating !== null) parts.push(`<p style="font-size:18px;color:#e8a400">${stars(view.rating)} <span style="color:#555">(${view.rating}/5)</span></p>`);
  if (view.facts.length > 0) parts.push(`<p>${view.facts.map((f) => `<b>${escapeHtml(f.label)}:</b> ${escapeHtml(f.value)}`).join('<br>\n')}</p>`);
  if (view.quote) parts.push(`<blockquote style="border-left:3px solid #ccc;margin:0;padding-left:12px">${escapeHtml(view.quote).replace(/\n/g, '<br>\n')}</blockquote>`);
  if (view.link) parts.push(`<p><a href="${escapeHtml(view.link)}">Open the review</a></p>`);
  return parts.join('\n');
}

/** HTML with every scraped field escaped: e-mail HTML part. */
export function alertHtml(message: OutboxMessage): string {
  const view = alertView(message);
  const items = view.items.map((item) => `<li><h3>${escapeHtml(item.title)}</h3>\n${viewHtml(item)}</li>`).join('\n');
  return [
    `<h2>${escapeHtml(view.title)}</h2>`,
    viewHtml(view),
    items ? `<ol>\n${items}\n</ol>` : '',
    view.more > 0 ? `<p>…and ${view.more} more</p>` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
const asPriority = (p: string): TicketPriority => (PRIORITIES as readonly string[]).includes(p) ? (p as TicketPriority) : 'normal';

/** Ticket priority: the rule's for a mention; the highest item's for a digest; aggregate alerts are high. */
export function alertPriority(message: OutboxMessage): TicketPriority {
  const alert = parseAlert(message);
  switch (alert.kind) {
    case 'mention_flagged':
    case 'sla_breach':
      return asPriority(alert.payload.priority);
    case 'digest':
      return PRIORITIES[Math.max(0, ...alert.payload.items.map((i) => PRIORITIES.indexOf(asPriority(i.priority))))] ?? 'normal';
    case 'volume':
    case 'rating_drop':
      return 'high';
    default:
      return 'normal';
  }
}

/** Helpdesk tags/labels: no spaces, lower case, so they work as filters in both Zendesk and Jira. */
export function alertTags(message: OutboxMessage): string[] {
  const alert = parseAlert(message);
  const raw = ['repwatch', `repwatch_${message.kind}`];
  if (alert.kind === 'mention_flagged') raw.push(alert.payload.rule, alert.payload.mention.source, alert.payload.mention.target);
  if (alert.kind === 'sla_breach') raw.push(alert.payload.mention.source, alert.payload.mention.target);
  if ('target' in alert.payload && typeof alert.payload.target === 'string') raw.push(alert.payload.target);
  const tags = raw.map((t) => t.toLowerCase().replace(/[^a-z0-9_\-]+/g, '_').slice(0, 80)).filter((t) => t && t !== '_');
  return [...new Set(tags)];
}

/** Only a flagged mention's alert belongs to one task; others open a ticket whose id no task keeps. */
export function linksTask(message: OutboxMessage): boolean {
  return message.kind === 'mention_flagged';
}
