import { createHmac } from 'node:crypto';
import type { ResolvedChannel } from '../config/load.ts';

export interface OutboxMessage {
  idempotencyKey: string;
  kind: string;
  payload: Record<string, unknown>;
}

/** Why a send failed, and whether trying again can help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly channel: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

export type Sender = (message: OutboxMessage) => Promise<void>;

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** Generic webhook: JSON body, Idempotency-Key header, and an HMAC-SHA256 signature when a secret is set. */
function webhookSender(channel: ResolvedChannel): Sender {
  return async (message) => {
    if (!channel.url) throw new DeliveryError(`channel ${channel.name} has no URL`, channel.name, false);
    const body = JSON.stringify({ id: message.idempotencyKey, kind: message.kind, ...message.payload });
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': message.idempotencyKey,
      'x-repwatch-timestamp': timestamp,
    };
    if (channel.secret) {
      headers['x-repwatch-signature'] = `sha256=${createHmac('sha256', channel.secret).update(`${timestamp}.${body}`).digest('hex')}`;
    }
    let response: Response;
    try {
      response = await fetch(channel.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(channel.timeoutMs) });
    } catch (cause) {
      const reason = (cause as Error).name === 'TimeoutError' ? `no answer within ${channel.timeoutMs} ms` : ((cause as { cause?: Error }).cause?.message ?? (cause as Error).message);
      throw new DeliveryError(`channel ${channel.name}: ${reason}`, channel.name, true, null, { cause });
    }
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    throw new DeliveryError(`channel ${channel.name}: HTTP ${response.status}`, channel.name, retryable, retryAfterMs(response.headers.get('retry-after')));
  };
}

function logSender(channel: ResolvedChannel, write: (line: string) => void): Sender {
  return async (message) => {
    const m = message.payload.mention as { source?: string; url?: string; rating?: number | null } | undefined;
    write(`[alert:${channel.name}] ${String(message.payload.rule)} ${m?.source ?? ''} ${m?.rating ?? '-'}★ ${m?.url ?? ''}`);
  };
}

export function createSender(channel: ResolvedChannel, write: (line: string) => void): Sender {
  switch (channel.type) {
    case 'webhook':
      return webhookSender(channel);
    case 'log':
      return logSender(channel, write);
  }
}
