import { redact } from './format.ts';
import { DeliveryError, retryAfterMs } from './types.ts';

/**
 * POSTs a body and turns the outcome into policy: 2xx is done; network errors,
 * 408, 429 and 5xx are worth retrying (honouring Retry-After); other 4xx are not.
 * Returns the response text for channels that read an id back. With `secrets`
 * (a token, or a URL that is itself the secret), the error names none of them
 * and carries no cause, since a fetch error can quote the URL.
 */
export async function postJson(
  channel: string,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  secrets: readonly (string | null | undefined)[] = [],
): Promise<string> {
  const clean = (message: string) => (secrets.length > 0 ? redact(message, secrets) : message);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    const reason = (cause as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : ((cause as { cause?: Error }).cause?.message ?? (cause as Error).message);
    throw new DeliveryError(clean(`channel ${channel}: ${reason}`), channel, true, null, secrets.length > 0 ? undefined : { cause });
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return text;
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  throw new DeliveryError(clean(`channel ${channel}: HTTP ${response.status}`), channel, retryable, retryAfterMs(response.headers.get('retry-after')));
}

/** A helpdesk's answer read as JSON; null when it is not JSON (a login page, a proxy error). */
export function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
