/**
 * A review's link is untrusted: only http(s) URLs may become links, so a
 * `javascript:` or `data:` URL stays text wherever it is shown.
 */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
