import { stemRu } from './stem-ru.ts';
import { collapseElongation, englishCandidates } from './stem-en.ts';
import { latinToCyrillic } from './translit.ts';
import type { Lexicon } from './lexicon/index.ts';
import { MASKED_TARGETS } from './lexicon/masked.ts';

/** One token a written word becomes ("didn't" becomes two: "did", "not"). */
export interface WordPart {
  /** Lexicon key: stem, prefix, English base form, or the word itself. */
  key: string;
  /** What `sentiment` sees: the key when scored, a marker for function words, else a filler. */
  skey: string;
  text: string;
}

/** Everything the engine needs about a written word; a pure function of the word, so cached. */
export interface WordInfo {
  /** Lowercase form, for language detection. */
  norm: string;
  parts: WordPart[];
  tag: string | undefined;
  /** Written in capitals (3+ letters): shouting. */
  caps: boolean;
  /** A letter repeated 3+ times ("ужаааас", "sooo"). */
  elongated: boolean;
}

/** Filler for words that carry no weight: keeps positions for negation scope, costs `sentiment` little. */
export const FILLER = 'w';

const CYRILLIC = /[а-яё]/;
const TRANSLIT_CANDIDATE = /^[a-z]{5,}$/;
// "i'll", "he'll", "it's": the clitic goes, or "he'll" would read as "hell".
const CLITIC = /['’](?:ll|s|re|ve|d|m)$/;
const MIN_PREFIX = 3;
const MAX_PREFIX = 8;

const has = (lex: Lexicon, key: string): boolean => Object.hasOwn(lex.labels, key);

function prefixKey(lex: Lexicon, word: string): string | undefined {
  for (let len = Math.min(word.length, MAX_PREFIX); len >= MIN_PREFIX; len--) {
    const p = word.slice(0, len);
    if (lex.ruPrefixes.has(p)) return p;
  }
  return undefined;
}

const PARTICLES = new Set(['то', 'таки', 'ка', 'же', 'де']);
const INDEFINITE = new Set(['то', 'нибудь', 'либо', 'кое', 'таки']);
const QUESTION_WORDS = new Set(['почему', 'зачем', 'как', 'кто', 'что', 'где', 'куда', 'когда', 'какой', 'какая', 'какое', 'какие', 'чей', 'сколько', 'откуда']);

interface Resolved {
  key: string;
  tag: string | undefined;
}

function resolveRussian(lex: Lexicon, forms: string[]): Resolved {
  let firstStem = '';
  for (const form of forms) {
    // "любой" would stem to the "люб" of "любить", "нее" to the negator "не": such forms stay plain words.
    if (lex.plainForms.has(form)) return { key: form, tag: undefined };
    const stem = stemRu(form);
    if (lex.markers.has(stem)) {
      if (!firstStem) firstStem = form;
      continue;
    }
    if (!firstStem) firstStem = stem;
    if (has(lex, stem)) return { key: stem, tag: lex.tags.get(stem) };
    const prefix = prefixKey(lex, form);
    if (prefix) return { key: prefix, tag: lex.tags.get(stem) };
  }
  // "ужас-то", "плохо-таки": a particle after a hyphen; the word before it carries the weight
  // (not after a question word: "почему-то" is "for some reason", no complaint).
  const word = forms[0] ?? '';
  const hyphen = word.indexOf('-');
  if (hyphen > 0 && PARTICLES.has(word.slice(hyphen + 1)) && !QUESTION_WORDS.has(word.slice(0, hyphen))) {
    const r = resolveRussian(lex, [word.slice(0, hyphen)]);
    if (has(lex, r.key)) return r;
  }
  // A compound such as "Билайн-говно" or "контор-мошенников": the first part that weighs carries it
  // (not an indefinite pronoun: "почему-то", "как-нибудь", "кое-как").
  const pieces = hyphen > 0 ? word.split('-') : [];
  if (!pieces.some((p) => QUESTION_WORDS.has(p) || INDEFINITE.has(p))) {
    for (const piece of pieces) {
      if (piece.length < 2) continue;
      const r = resolveRussian(lex, [piece]);
      if ((lex.labels[r.key] ?? 0) !== 0) return r;
    }
  }
  return { key: firstStem, tag: lex.tags.get(firstStem) };
}

function resolveLatin(lex: Lexicon, forms: string[]): Resolved {
  let tag: string | undefined;
  for (const form of forms) {
    tag ??= lex.tags.get(form);
    if (has(lex, form)) return { key: form, tag };
    for (const c of englishCandidates(form)) {
      tag ??= lex.tags.get(c);
      if (has(lex, c)) return { key: c, tag };
    }
  }
  const first = forms[0] ?? '';
  if (tag === undefined && TRANSLIT_CANDIDATE.test(first)) {
    const cyr = latinToCyrillic(first);
    if (cyr) {
      const ru = resolveRussian(lex, [cyr]);
      // Only a stem hit counts: otherwise "plan" would become the stem "план", and a raw
      // prefix would catch English words ("visit" -> "висит", "gowns" -> "говн").
      if (has(lex, ru.key) && ru.key.length >= 4 && !lex.ruPrefixes.has(ru.key)) return ru;
    }
  }
  return { key: first, tag };
}

// Latin letters and digits that stand in for Cyrillic ones they look like ("говн0", "xуйня", "cука").
const LOOK_ALIKE: Record<string, string> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'и', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у',
  '0': 'о', '3': 'з', '6': 'б', 'і': 'и',
};
const NON_CYRILLIC = /[a-z0-9і]/;
const LOOK_ALIKE_CHARS = /[a-z0-9і]/g;

/** Lexicon key of one lowercase word (no apostrophes). */
export function resolveNorm(lex: Lexicon, norm: string, elongated: boolean): Resolved {
  if (lex.markers.has(norm)) return { key: norm, tag: undefined };
  const forms = elongated ? collapseElongation(norm) : [norm];
  if (!CYRILLIC.test(norm)) return resolveLatin(lex, forms);
  // A Cyrillic word with Latin letters or digits inside: read as Cyrillic if that makes a lexicon word.
  if (NON_CYRILLIC.test(norm)) {
    const cyr = norm.replace(LOOK_ALIKE_CHARS, (ch) => LOOK_ALIKE[ch] ?? ch);
    if (cyr !== norm) {
      const r = resolveRussian(lex, elongated ? collapseElongation(cyr) : [cyr]);
      if (has(lex, r.key)) return r;
    }
  }
  return resolveRussian(lex, forms);
}

const MASK_RUN = /[*@]+/g;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A word with masked letters ("б**ть", "п@здец", "бл*", "f**k"): the first
 * obscenity a run of n symbols (standing for 1 to n + 3 letters) turns it into,
 * else the word with the symbols dropped. Runs once per distinct word (cached).
 */
function resolveMasked(lex: Lexicon, norm: string, elongated: boolean): Resolved {
  const letters = norm.replace(MASK_RUN, '');
  const source = norm
    .split(/([*@]+)/)
    .map((piece, k) => (k % 2 === 1 ? `[a-zа-яё]{1,${piece.length + 3}}` : escapeRe(piece)))
    .join('');
  if (letters.length > 0) {
    const pattern = new RegExp(`^${source}$`);
    const target = MASKED_TARGETS.find((t) => pattern.test(t));
    if (target !== undefined) return resolveNorm(lex, target, false);
  }
  return resolveNorm(lex, letters, elongated);
}

function part(lex: Lexicon, key: string, text: string): WordPart {
  const skey = lex.markers.get(key) ?? (has(lex, key) ? key : FILLER);
  return { key, skey, text };
}

function isElongated(norm: string): boolean {
  for (let k = 2; k < norm.length; k++) {
    const c = norm.charCodeAt(k);
    if (c === norm.charCodeAt(k - 1) && c === norm.charCodeAt(k - 2) && (c < 48 || c > 57)) return true;
  }
  return false;
}

/** Resolve a word as written in the text. */
export function resolveWord(lex: Lexicon, text: string): WordInfo {
  const lower = text.toLowerCase();
  const caps = text.length >= 3 && lower !== text && text.toUpperCase() === text;
  const elongated = text.length >= 3 && isElongated(lower);
  const apostrophe = lower.includes("'") || lower.includes('’');
  // "didn't" -> "did" + "not": the negator must be a token of its own to scope.
  if (apostrophe && (lower.endsWith("n't") || lower.endsWith('n’t'))) {
    const base = lower.slice(0, -3);
    const r = base ? resolveNorm(lex, base, elongated) : undefined;
    const parts = [part(lex, 'not', text.slice(-3))];
    if (r) parts.unshift(part(lex, r.key, text.slice(0, -3)));
    return { norm: lower, parts, tag: r?.tag, caps, elongated };
  }
  const norm = apostrophe ? lower.replace(CLITIC, '').replace(/['’]/g, '') : lower;
  const masked = norm.includes('*') || norm.includes('@');
  const r = masked ? resolveMasked(lex, norm, elongated) : resolveNorm(lex, norm, elongated);
  return { norm, parts: [part(lex, r.key, text)], tag: r.tag, caps, elongated };
}
