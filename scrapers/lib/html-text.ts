/**
 * Plain text out of the HTML fragments social sites put into their posts
 * (Telegram message bodies, Mastodon `content`, HN `comment_text`, feed
 * descriptions), plus the abbreviated counters they show ("37.2K" views).
 */
import { load } from 'cheerio';
import { isTag, isText, type AnyNode } from 'domhandler';

// Elements that start a new line when rendered; everything else is inline.
const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'blockquote', 'pre', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'table']);
// Never visible text.
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg']);

function walk(nodes: readonly AnyNode[], out: string[]): void {
  for (const node of nodes) {
    if (isText(node)) {
      // Source line breaks inside a text node are layout, not content: only <br> and blocks break lines.
      out.push(node.data.replace(/\s+/g, ' '));
    } else if (isTag(node)) {
      const name = node.name.toLowerCase();
      if (SKIP.has(name)) continue;
      if (name === 'br') {
        out.push('\n');
        continue;
      }
      const block = BLOCK.has(name);
      // A paragraph is set off by a blank line on both sides (HN writes "text<p>more" without closing tags).
      const gap = name === 'p' ? '\n\n' : '\n';
      if (block) out.push(gap);
      walk(node.children, out);
      if (block) out.push(gap);
    }
  }
}

/** Joins walked pieces: spaces around line breaks dropped, at most one blank line, trimmed. */
function tidy(pieces: readonly string[]): string {
  return pieces
    .join('')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text of DOM nodes already parsed by cheerio (e.g. a Telegram message body). */
export function nodesText(nodes: readonly AnyNode[]): string {
  const out: string[] = [];
  walk(nodes, out);
  return tidy(out);
}

/** Text of an HTML fragment; entities decoded, <br> and block ends kept as line breaks. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  const $ = load(html, null, false);
  return nodesText($.root().contents().toArray());
}

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, к: 1e3, тыс: 1e3, млн: 1e6, млрд: 1e9 };

/**
 * Counters as sites abbreviate them: "37.2K", "3,4M", "1 234", "12" → numbers.
 * Returns null for anything else, so a missing counter never reads as 0.
 */
export function parseCount(value: string | null | undefined): number | null {
  if (!value) return null;
  const m = /^([\d\s\u00a0.,]*\d)\s*([a-zа-я]*)\.?$/i.exec(value.trim());
  if (!m) return null;
  const [, digits = '', suffix = ''] = m;
  const scale = suffix ? SUFFIX[suffix.toLowerCase()] : 1;
  if (scale === undefined) return null;
  let cleaned = digits.replace(/[\s\u00a0]/g, '');
  // With a suffix a single "," or "." is the decimal mark ("3,4M"); without one it groups thousands ("1,234").
  cleaned = suffix ? cleaned.replace(',', '.') : cleaned.replace(/[.,](?=\d{3}(\D|$))/g, '');
  const n = Number.parseFloat(cleaned);
  return Number.isFinite(n) ? Math.round(n * scale) : null;
}
