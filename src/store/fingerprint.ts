import { createHash } from 'node:crypto';

/** Below this many letters two texts being equal says little ("спасибо!", "great"). */
const MIN_LETTERS = 40;

/**
 * The same post reposted on another site or channel: links, handles, "RT",
 * punctuation, case and spacing differ, the words do not. Null for texts too
 * short to tell a repost from a coincidence.
 */
export function textFingerprint(text: string): string | null {
  const normalized = text
    .toLocaleLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/(^|\s)rt\s+@\w+:?/g, ' ')
    .replace(/[@#][\p{L}\p{N}_]+/gu, ' ')
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (normalized.replace(/[^\p{L}]/gu, '').length < MIN_LETTERS) return null;
  return createHash('sha1').update(normalized).digest('hex');
}
