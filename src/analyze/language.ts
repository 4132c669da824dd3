import type { Lang } from './types.ts';

const CYRILLIC = /[\u0400-\u04FF]/g;
const LATIN = /[A-Za-z]/g;
const OTHER_LETTERS = /[\u0370-\u03FF\u0590-\u05FF\u0600-\u06FF\u0900-\u097F\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF]/g;

/** Script-based guess; texts with no letters count as English so emoji still score. */
export function detectLanguage(text: string): Lang {
  const cyr = text.match(CYRILLIC)?.length ?? 0;
  const lat = text.match(LATIN)?.length ?? 0;
  const other = text.match(OTHER_LETTERS)?.length ?? 0;
  if (other > cyr + lat) return 'other';
  if (cyr > 0 && cyr >= lat * 0.5) return 'ru';
  return 'en';
}
