import { DeliveryError, retryAfterMs } from './types.ts';

/**
 * POSTs a body and turns the outcome into policy: 2xx is done; network errors,
 * 408, 429 and 5xx are worth retrying (honouring Retry-After); other 4xx are not.
 * Returns the response text for channels that read an id back.
 */
export async function postJson(channel: string, url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    const reason = (cause as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : ((cause as { cause?: Error }).cause?.message ?? (cause as Error).message);
    throw new DeliveryError(`channel ${channel}: ${reason}`, channel, true, null, { cause });
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return text;
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  throw new DeliveryError(`channel ${channel}: HTTP ${response.status}`, channel, retryable, retryAfterMs(response.headers.get('retry-after')));
}
