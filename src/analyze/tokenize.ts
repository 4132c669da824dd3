/**
 * Scanner for tweets, posts and reviews. `sentiment`'s own tokenizer only
 * splits on spaces and a few ASCII marks, so it would glue "ужасно!!!" into
 * one token, lose emoticons and keep URLs; we scan here and hand `sentiment`
 * a string of normalised keys it keeps one-to-one. A hand-written loop rather
 * than one big regex: it runs on every text and must stay within a small
 * multiple of `sentiment`'s own cost. Letters are counted by script for
 * language detection per word (countScripts), which the engine memoises.
 */

export type RawKind = 'word' | 'emoji' | 'emoticon' | 'exclaim' | 'sentence' | 'clause';

export interface RawToken {
  kind: RawKind;
  /** The text as written (for reasons shown to a person). */
  text: string;
  /** Emoticon or boundary key, or the emoji itself; empty for words (resolve.ts normalises those). */
  norm: string;
}

export interface ScriptCounts {
  cyrillic: number;
  latin: number;
  /** Letters of other scripts (CJK, Arabic, Greek...). */
  other: number;
  /** Latin letters with diacritics (ä, é, ñ, ł...): evidence of another Latin-script language. */
  diacritics: number;
  /** Cyrillic letters Russian lacks (і, ї, є, ў...) and letters only Russian has (ы, э, ъ, ё). */
  nonRussianCyrillic: number;
  russianOnly: number;
}

export interface Scan {
  tokens: RawToken[];
  counts: ScriptCounts;
}

const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;
const LETTER = /\p{L}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
// Gender signs and the like ride along in ZWJ emoji sequences and carry no sentiment.
const IGNORED_EMOJI = new Set(['♀', '♂', '⚧', '©', '®', '™', '‼', '↔', '↕']);
const NON_RUSSIAN = new Set([...'іїєґўђјљњћџѓќѕәғқңөұүһІЇЄҐЎЂЈЉЊЋЏЃЌЅӘҒҚҢӨҰҮҺ'].map((c) => c.charCodeAt(0)));

const isCyrillic = (c: number): boolean => c >= 0x400 && c <= 0x52f;
const isLatinExtended = (c: number): boolean => c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;

/** Letter, digit or combining mark; ASCII, Cyrillic and Latin-1/Extended take the fast path. */
function isWordCode(text: string, i: number, c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (isCyrillic(c) || isLatinExtended(c)) return true;
  // Surrogates (emoji) and variation selectors (the VS16 of "❤️") are never word characters.
  if (c < 0x250 || (c >= 0xd800 && c <= 0xdfff) || (c >= 0xfe00 && c <= 0xfe0f)) return false;
  return LETTER_OR_DIGIT.test(text[i] as string);
}

function isWordChar(text: string, i: number): boolean {
  return i < text.length && isWordCode(text, i, text.charCodeAt(i));
}

function countCyrillic(c: number, counts: ScriptCounts): void {
  counts.cyrillic++;
  // а-я and А-Я are one block; only letters outside it need the slower checks.
  if (c >= 0x410 && c <= 0x44f) {
    if (c === 0x44b || c === 0x44d || c === 0x44a || c === 0x42b || c === 0x42d || c === 0x42a) counts.russianOnly++;
  } else if (c === 0x451 || c === 0x401) counts.russianOnly++;
  else if (NON_RUSSIAN.has(c)) counts.nonRussianCyrillic++;
}

/** Word characters below U+0530 (ASCII, Latin-1/Extended, Cyrillic): one table read per character. */
const WORD_TABLE = new Uint8Array(0x530);
for (let c = 0; c < 0x530; c++) {
  WORD_TABLE[c] = isWordCode(String.fromCharCode(c), 0, c) ? 1 : 0;
}

/**
 * End of a word starting at i (letters/digits joined by inner apostrophes or
 * hyphens). Letters are counted by script per distinct word (countScripts),
 * not here: the engine memoises that with the word.
 */
function wordEnd(text: string, i: number): number {
  let j = i;
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c < 0x530 ? WORD_TABLE[c] === 1 : isWordCode(text, j, c)) {
      j++;
      continue;
    }
    // Inner apostrophes and hyphens: "didn't", "что-то".
    if ((c === 39 || c === 45 || c === 0x2019) && j > i && isWordChar(text, j + 1)) {
      j += 2;
      continue;
    }
    // Masked letters: "б**ть", "п@здец" (one word), "бл*", "f**" (stars kept at the end).
    if ((c === 42 || c === 64) && j > i) {
      const k = maskEnd(text, i, j, c);
      if (k > j) {
        j = k;
        continue;
      }
    }
    break;
  }
  return j;
}

const MAX_MASK = 4;
const isLetterCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isCyrillic(c);

/**
 * End of a run of masking symbols at j inside the word starting at i, or j if
 * they mask nothing: "*" between or after letters, "@" only between Cyrillic
 * letters (a Latin "name@host" is an address). resolve.ts reads the masked word.
 */
function maskEnd(text: string, i: number, j: number, first: number): number {
  const prev = text.charCodeAt(j - 1);
  if (!isLetterCode(prev)) return j;
  let k = j + 1;
  let stars = first === 42;
  while (k < text.length && k - j < MAX_MASK) {
    const m = text.charCodeAt(k);
    if (m !== 42 && m !== 64) break;
    if (m !== 42) stars = false;
    k++;
  }
  const next = k < text.length ? text.charCodeAt(k) : 32;
  if (isLetterCode(next)) return first === 42 || (isCyrillic(prev) && isCyrillic(next)) ? k : j;
  // Trailing stars only after a short stub ("бл*", "х**"): "*смех*" is an action, not a mask.
  if (stars && k - i <= MAX_MASK + 3 && !isWordChar(text, k) && text.charCodeAt(k) !== 42) return k;
  return j;
}

/** Add the letters of one word, by script, to `counts`. */
export function countScripts(word: string, counts: ScriptCounts): void {
  for (let j = 0; j < word.length; j++) {
    const c = word.charCodeAt(j);
    if (c < 0x80) {
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) counts.latin++;
    } else if (isCyrillic(c)) countCyrillic(c, counts);
    else if (isLatinExtended(c)) {
      counts.latin++;
      counts.diacritics++;
    } else if (c !== 0x2019 && LETTER.test(word[j] as string)) counts.other++;
  }
}

/** Receives tokens as they are scanned: the engine emits straight from here, with no token objects. */
export interface ScanSink {
  /** A word: text.slice(start, end) (the sink slices only if it needs to). */
  word(text: string, start: number, end: number): void;
  /** Emoticons, emoji and boundaries: `norm` is the key ("<smile>", "<s>", the emoji itself). */
  mark(kind: Exclude<RawKind, 'word'>, text: string, norm: string): void;
}

const XD = /^[xX][dD]+$/;

function pushWord(sink: ScanSink, text: string, start: number, end: number): void {
  const c = text.charCodeAt(start);
  if (end - start <= 4 && (c === 120 || c === 88)) {
    const word = text.slice(start, end);
    if (XD.test(word)) {
      sink.mark('emoticon', word, '<laugh>');
      return;
    }
  }
  sink.word(text, start, end);
}

/** "http://", "https://" or "www." at i: a link, skipped whole. */
function isLinkAt(text: string, i: number, c: number): boolean {
  if (c === 104) return text.startsWith('http', i) && (text.startsWith('://', i + 4) || text.startsWith('s://', i + 4));
  return c === 119 && text.startsWith('www.', i);
}

function skipNonSpace(text: string, i: number): number {
  let j = i;
  while (j < text.length && text.charCodeAt(j) > 32) j++;
  return j;
}

/** Emoticon starting at ":", ";" or "=" (":)", ":-(", ";D", ":/"), as [key, end] or null. */
function emoticonAt(text: string, i: number): [string, number] | null {
  let j = i + 1;
  const nose = text[j];
  if (nose === '-' || nose === "'" || nose === 'o' || nose === '^' || nose === '*') j++;
  const mouth = text[j];
  if (mouth === undefined) return null;
  let k = j;
  while (text[k] === mouth) k++;
  const next = text.charCodeAt(k);
  const letterNext = k < text.length && isWordChar(text, k);
  if (mouth === ')' || mouth === ']' || mouth === '3') return ['<smile>', k];
  if ((mouth === 'D' || mouth === 'P' || mouth === 'p') && !letterNext) return [mouth === 'D' ? '<laugh>' : '<smile>', k];
  if (mouth === '(' || mouth === '[') return ['<sad>', k];
  if ((mouth === '/' || mouth === '\\' || mouth === '|') && !letterNext && next !== 47) return ['<skeptic>', k];
  return null;
}

/** Split a text into words, emoji, emoticons and scope-bounding punctuation. */
export function scanInto(text: string, sink: ScanSink): void {
  let openParens = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c <= 32 && c !== 10) {
      i++;
      continue;
    }
    if (isWordCode(text, i, c)) {
      // Links carry no sentiment and their letters would skew language detection.
      if ((c === 104 || c === 119) && isLinkAt(text, i, c)) {
        i = skipNonSpace(text, i);
        continue;
      }
      const j = wordEnd(text, i);
      pushWord(sink, text, i, j);
      i = j;
      continue;
    }
    const ch = text[i] as string;
    if (ch === '@' || ch === '#') {
      if (ch === '@') {
        i = skipNonSpace(text, i + 1);
        continue;
      }
      const j = isWordChar(text, i + 1) ? wordEnd(text, i + 1) : i + 1;
      if (j > i + 1) pushWord(sink, text, i + 1, j);
      i = j;
    } else if (ch === ':' || ch === ';' || ch === '=') {
      const emo = emoticonAt(text, i);
      if (emo) {
        sink.mark('emoticon', text.slice(i, emo[1]), emo[0]);
        i = emo[1];
      } else {
        if (ch !== '=') sink.mark(ch === ':' ? 'clause' : 'sentence', ch, ch === ':' ? '<c>' : '<s>');
        i++;
      }
    } else if (ch === ')' || ch === '(') {
      let j = i + 1;
      while (text[j] === ch) j++;
      if (j - i > 1) sink.mark('emoticon', text.slice(i, j), ch === ')' ? '<smile>' : '<sad>');
      else if (ch === '(') {
        // "(" before a space or the end is a frown; before text it opens a parenthesis.
        const after = text.charCodeAt(j);
        if (j >= n || after === 32 || after === 10) sink.mark('emoticon', ch, '<sad>');
        else openParens++;
      } else if (openParens > 0) openParens--;
      else sink.mark('emoticon', ch, '<smile>');
      i = j;
    } else if (ch === '!' || ch === '?') {
      let j = i + 1;
      let bangs = ch === '!' ? 1 : 0;
      while (text[j] === '!' || text[j] === '?') bangs += text[j++] === '!' ? 1 : 0;
      const run = text.slice(i, j);
      if (bangs > 0) sink.mark('exclaim', run, bangs > 1 ? '<xx>' : '<x>');
      else sink.mark('sentence', run, '<s>');
      i = j;
    } else if (ch === '.' || ch === '…' || c === 10) {
      let j = i + 1;
      while (text[j] === '.' || text[j] === '…' || text[j] === '\n') j++;
      sink.mark('sentence', text.slice(i, j), '<s>');
      i = j;
    } else if (ch === ',' || ch === '—' || ch === '–' || (ch === '-' && text.charCodeAt(i + 1) <= 32)) {
      sink.mark('clause', ch, '<c>');
      i++;
    } else if (ch === '<' && text[i + 1] === '3') {
      sink.mark('emoticon', '<3', '<heart>');
      i += 2;
    } else if (c >= 0x2000) {
      const cp = text.codePointAt(i) as number;
      const char = String.fromCodePoint(cp);
      if (PICTOGRAPHIC.test(char) && !IGNORED_EMOJI.has(char)) sink.mark('emoji', char, char);
      i += char.length;
    } else {
      i++;
    }
  }
}

/** Split a text into words, emoji, emoticons and scope-bounding punctuation. */
export function scan(text: string): Scan {
  const tokens: RawToken[] = [];
  const counts: ScriptCounts = { cyrillic: 0, latin: 0, other: 0, diacritics: 0, nonRussianCyrillic: 0, russianOnly: 0 };
  scanInto(text, {
    word: (source, start, end) => {
      const t = source.slice(start, end);
      countScripts(t, counts);
      tokens.push({ kind: 'word', text: t, norm: '' });
    },
    mark: (kind, t, norm) => tokens.push({ kind, text: t, norm }),
  });
  return { tokens, counts };
}

/** Tokens only (for callers that need no script counts). */
export function tokenize(text: string): RawToken[] {
  return scan(text).tokens;
}
