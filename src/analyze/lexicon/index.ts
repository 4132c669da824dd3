import { createRequire } from 'node:module';
import { stemRu } from '../stem-ru.ts';
import { flattenGroups, type WeightGroups } from './groups.ts';
import { RU_NEGATIVE, RU_NEGATED_NEUTRAL } from './ru-negative.ts';
import { RU_POSITIVE } from './ru-positive.ts';
import { RU_COLLOQUIAL, RU_NEGATED_COLLOQUIAL } from './ru-colloquial.ts';
import { RU_CONCESSIVE, RU_CONTRAST, RU_DOWNTONERS, RU_INTENSIFIERS, RU_NEGATORS, RU_PLAIN_FORMS } from './ru-function.ts';
import { EN_EXTRA, EN_NEGATED_NEUTRAL, EN_OVERRIDES, EN_PROFANITY, EN_SLANG } from './en-extra.ts';
import {
  EN_CONCESSIVE, EN_CONTRAST, EN_DENYING_DOWNTONERS, EN_DOWNTONERS, EN_EXPLETIVES, EN_INTENSIFIERS, EN_NEGATORS,
} from './en-function.ts';
import { EMOJI, EMOTICON_WEIGHTS } from './emoji.ts';
import { MASKED_TARGETS } from './masked.ts';
import { PHRASES } from './phrases.ts';
import { TAG_KEYWORDS } from './tags.ts';
import { TUNED } from './tuned.ts';
import { MARK } from '../scope.ts';

export interface Phrase {
  /** Keys of the words before the last one, in order. */
  head: string[];
  key: string;
}

/** Everything the engine reads, built once per analyzer and never changed after. */
export interface Lexicon {
  /** Key -> weight: the labels of the `sentiment` language we register. */
  labels: Record<string, number>;
  /** Emoji weights applied after registration (it copies its own emoji list over ours). */
  emoji: Record<string, number>;
  /** Raw lowercase prefixes (obscenities, slang) that are keys of `labels` themselves. */
  ruPrefixes: Set<string>;
  /** Words that only count when negated ("не работает"): key -> weight then. */
  negatedNeutral: Map<string, number>;
  /** Keys whose meaning negation does not reverse ("no refund" is still a complaint). */
  sticky: Set<string>;
  /** Russian word forms whose stem is a lexicon key of another word ("любой" is not "любить"). */
  plainForms: Set<string>;
  /** Function words (negators, intensifiers, contrast...) -> the marker `sentiment` sees. */
  markers: Map<string, string>;
  /** Phrases indexed by the key of their last word. */
  phrasesByLast: Map<string, Phrase[]>;
  /** Keys that start or continue a phrase: such plain words must stay in the token stream. */
  phrasesByFirst: Set<string>;
  /** Key or stem -> topic tag. */
  tags: Map<string, string>;
  /** Expletives that intensify the scored word right after them instead of weighing themselves. */
  expletives: Set<string>;
}

const require = createRequire(import.meta.url);

/** AFINN-165 as shipped by `sentiment`: the English core we extend. */
function loadAfinn(): Record<string, number> {
  return { ...(require('sentiment/languages/en/labels.json') as Record<string, number>) };
}

const isCyrillic = (w: string): boolean => /[а-яё]/.test(w);

/** Lexicon key of a word as written in a lexicon file. */
export function lexiconKey(word: string): string {
  return isCyrillic(word) ? stemRu(word) : word;
}

/**
 * Snowball reads a bare noun ending in "-ил", "-ан", "-ал" as a verb and cuts
 * it ("дебил" -> "деб", "обман" -> "обма") while its other cases keep the
 * whole word ("дебилы" -> "дебил"): such a noun gets that stem too.
 */
function obliqueStem(word: string): string | undefined {
  if (!isCyrillic(word) || !/[бвгджзклмнпрстфхцчшщ]$/.test(word)) return undefined;
  const stem = stemRu(word);
  return stem !== word && ['ы', 'ов', 'ом'].some((e) => stemRu(word + e) === word) ? word : undefined;
}

function addGroups(labels: Record<string, number>, prefixes: Set<string>, groups: WeightGroups): void {
  for (const [word, weight] of flattenGroups(groups)) {
    if (word.endsWith('*')) {
      const prefix = word.slice(0, -1);
      prefixes.add(prefix);
      labels[prefix] = weight;
    } else if (weight === 0 && isCyrillic(word)) {
      // No weight: the stem becomes a plain word again, one token less for `sentiment` to score.
      delete labels[lexiconKey(word)];
    } else {
      labels[lexiconKey(word)] = weight;
      const oblique = obliqueStem(word);
      if (oblique !== undefined && labels[oblique] === undefined) labels[oblique] = weight;
    }
  }
}

/** Later sets win: "а" is a weak contrast, "очень" a negatable intensifier. */
function buildMarkers(labels: Record<string, number>): Map<string, string> {
  const markers = new Map<string, string>();
  const add = (words: Set<string>, marker: string): void => {
    for (const w of words) markers.set(w, marker);
  };
  add(RU_NEGATORS, MARK.negator);
  add(EN_NEGATORS, MARK.negator);
  add(RU_INTENSIFIERS, MARK.intensifier);
  add(EN_INTENSIFIERS, MARK.intensifier);
  add(RU_DOWNTONERS, MARK.downtoner);
  add(EN_DOWNTONERS, MARK.downtoner);
  add(EN_DENYING_DOWNTONERS, MARK.denier);
  add(RU_CONTRAST, MARK.contrast);
  add(EN_CONTRAST, MARK.contrast);
  add(RU_CONCESSIVE, MARK.concessive);
  add(EN_CONCESSIVE, MARK.concessive);
  add(new Set(['а']), MARK.weakContrast);
  add(new Set(['очень', 'very', 'особо']), MARK.very);
  // A function word must not also be scored as a word ("no" is -1 in AFINN).
  for (const w of markers.keys()) delete labels[w];
  return markers;
}

/**
 * Phrases are keyed by the same normaliser the engine uses for text, so a
 * phrase written "can't wait" matches the tokens "ca not wait".
 */
function buildPhrases(
  labels: Record<string, number>,
  normalise: (phrase: string) => string[],
): Map<string, Phrase[]> {
  const byLast = new Map<string, Phrase[]>();
  for (const [weight, block] of PHRASES) {
    for (const line of block.split('\n')) {
      const text = line.trim();
      if (!text) continue;
      const keys = normalise(text);
      const last = keys[keys.length - 1];
      if (keys.length < 2 || last === undefined) continue;
      const key = keys.join('+');
      labels[key] = weight;
      // Forms written for the reader ("cancel / canceling my account") often normalise to one key:
      // the engine tries each candidate phrase per word, so each key is listed once.
      const list = byLast.get(last) ?? [];
      if (!list.some((p) => p.key === key)) list.push({ head: keys.slice(0, -1), key });
      byLast.set(last, list);
    }
  }
  return byLast;
}

function buildTags(): Map<string, string> {
  const tags = new Map<string, string>();
  for (const [tag, { ru, en }] of Object.entries(TAG_KEYWORDS)) {
    for (const w of ru.split(/\s+/)) if (w) tags.set(stemRu(w), tag);
    for (const w of en.split(/\s+/)) if (w) tags.set(w, tag);
  }
  return tags;
}

/**
 * Keys negation does not reverse: "no refund" is still a complaint, an
 * interjection is not negated, and a negated obscenity ("не похуй", "no fucks
 * given") is still a rant, not praise.
 */
function stickyKeys(labels: Record<string, number>, ruPrefixes: Set<string>): Set<string> {
  const sticky = new Set(['refund', 'refunds', 'верн', 'возврат', 'money+back']);
  // Interjections are not what a negator negates: "нет блин, минус" is still annoyed.
  for (const w of ['блин', 'черт', 'чёрт', 'фу', 'фе', 'увы']) sticky.add(lexiconKey(w));
  for (const p of ruPrefixes) if ((labels[p] ?? 0) <= -4) sticky.add(p);
  for (const w of EN_PROFANITY) sticky.add(w);
  // Obscenities written out as ordinary (stemmed) words: "без сабов ну нахуй" is no praise either.
  for (const w of MASKED_TARGETS) {
    const key = lexiconKey(w);
    if ((labels[key] ?? 0) <= -3) sticky.add(key);
  }
  return sticky;
}

/**
 * Build the lexicon. `normalise` turns a phrase into word keys the way the
 * engine does for text (it is passed in to keep this module free of the resolver).
 */
export function buildLexicon(
  normalise: (phrase: string, lex: Lexicon) => string[],
  options: { tuned?: boolean } = {},
): Lexicon {
  const labels = loadAfinn();
  const ruPrefixes = new Set<string>();
  addGroups(labels, ruPrefixes, EN_EXTRA);
  // A zero override stays as a key so stem-en cannot reach the word's base ("honestly" -> "honest").
  for (const [word, weight] of flattenGroups(EN_OVERRIDES)) labels[word] = weight;
  addGroups(labels, ruPrefixes, EN_SLANG);
  addGroups(labels, ruPrefixes, RU_NEGATIVE);
  addGroups(labels, ruPrefixes, RU_POSITIVE);
  addGroups(labels, ruPrefixes, RU_COLLOQUIAL);
  // Learned weights (tuned.ts): frequent words the hand lexicons leave out, and hand weights the
  // training data moved (shrunk toward the hand weight; see bench/lib/learn-weights.ts).
  if (options.tuned !== false) Object.assign(labels, TUNED);
  for (const [key, weight] of Object.entries(EMOTICON_WEIGHTS)) labels[key] = weight;

  const negatedNeutral = new Map<string, number>();
  const negatable = [RU_NEGATED_NEUTRAL, RU_NEGATED_COLLOQUIAL, EN_NEGATED_NEUTRAL].flatMap(flattenGroups);
  for (const [word, weight] of negatable) {
    const key = lexiconKey(word);
    // A word that already carries weight keeps it; negation then flips that weight.
    if (labels[key] === undefined) negatedNeutral.set(key, weight);
  }
  for (const key of negatedNeutral.keys()) labels[key] = 0;
  // "не очень" / "not very" alone ("фильм не очень") is a mild complaint: see scope.ts.
  labels[MARK.very] = 0;

  const lex: Lexicon = {
    labels,
    emoji: Object.fromEntries(flattenGroups(EMOJI)),
    ruPrefixes,
    negatedNeutral,
    sticky: stickyKeys(labels, ruPrefixes),
    plainForms: RU_PLAIN_FORMS,
    markers: buildMarkers(labels),
    phrasesByLast: new Map(),
    phrasesByFirst: new Set(),
    tags: buildTags(),
    expletives: new Set(EN_EXPLETIVES),
  };
  lex.phrasesByLast = buildPhrases(labels, (p) => normalise(p, lex));
  for (const list of lex.phrasesByLast.values()) for (const p of list) for (const k of p.head) lex.phrasesByFirst.add(k);
  return lex;
}
