/**
 * Crawled text often arrives still escaped: JSON "\u2019" and "\u002c" left
 * literal by a scraper, HTML "&amp;" and "&lt;3" from feeds. Left as is,
 * "can\u2019t" is no negator and "&lt;3" no heart, so the few texts that
 * carry an escape are decoded before scanning; the rest pay two single-character indexOf each.
 */
const ESCAPE = /\\u([0-9a-fA-F]{4})|&(amp|lt|gt|quot|apos|#39|#x27);/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };

function decode(_m: string, hex: string | undefined, entity: string | undefined): string {
  if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
  return ENTITIES[entity as string] ?? '';
}

export function unescapeText(text: string): string {
  // Single-character searches: cheaper than looking for the two-character "\\u".
  if (text.indexOf('\\') < 0 && text.indexOf('&') < 0) return text;
  return text.replace(ESCAPE, decode);
}
