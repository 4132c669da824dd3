import { randomUUID } from 'node:crypto';
import Sentiment from 'sentiment';
import type { Analysis, Analyzer, Lang, SentimentLabel } from './types.ts';
import { languageOf } from './language.ts';
import { scan, tokenize, type RawToken } from './tokenize.ts';
import { buildLexicon, type Lexicon } from './lexicon/index.ts';
import { createResolver, FILLER, resolveWord, type WordInfo, type WordPart } from './resolve.ts';
import { applyRules, createScoringStrategy, MARK, sentenceContext, type SentenceContext, type Trace } from './scope.ts';

/**
 * The multilingual engine: our tokenizer, stemmer and lexicons turn a text
 * into keys, and `sentiment` scores those keys with a language we register
 * (labels = AFINN + our English + Russian stems, strategy = scope.ts).
 */

const MAX_REASONS = 8;
/** Contributions traced for reasons: the strongest few explain a label. */
const TOP_TRACED = 4;
/** Plain words kept in a row: as many as a negator reaches over (scope.ts). */
const FILLER_RUN = 3;

export interface Thresholds {
  /** Score at or below which a text is negative (a negative number). */
  negative: number;
  /** Score at or above which a text is positive. */
  positive: number;
}

export interface AnalyzerOptions {
  /** Per-language label thresholds; tuned defaults otherwise. */
  thresholds?: Partial<Record<'ru' | 'en', Thresholds>>;
}

/** Raw sums are squashed as s / sqrt(s^2 + ALPHA): one strong word gives about ±0.7. */
const ALPHA = 8;

export const DEFAULT_THRESHOLDS: Record<'ru' | 'en', Thresholds> = {
  ru: { negative: -0.05, positive: 0.5 },
  en: { negative: -0.5, positive: 0.48 },
};

interface Emitted {
  /** Lexicon keys, for phrase matching. */
  keys: string[];
  /** What `sentiment` scores: keys, markers and fillers, one-to-one with `keys`. */
  skeys: string[];
  surfaces: string[];
  norms: string[];
  tags: Set<string>;
}

function push(out: Emitted, key: string, skey: string, surface: string): void {
  out.keys.push(key);
  out.skeys.push(skey);
  out.surfaces.push(surface);
}

/** Append a word, folding it into a phrase when the words before it complete one. */
function pushPart(lex: Lexicon, out: Emitted, p: WordPart, info: WordInfo): void {
  const phrases = lex.phrasesByLast.get(p.key);
  if (phrases) {
    for (const ph of phrases) {
      const start = out.keys.length - ph.head.length;
      if (start < 0) continue;
      let match = true;
      for (let h = 0; h < ph.head.length && match; h++) match = out.keys[start + h] === ph.head[h];
      if (!match) continue;
      const words = out.surfaces.slice(start);
      out.keys.length = start;
      out.skeys.length = start;
      out.surfaces.length = start;
      push(out, ph.key, ph.key, [...words, p.text].join(' '));
      return;
    }
  }
  if (p.skey === FILLER && !lex.phrasesByFirst.has(p.key)) {
    // A run of plain words longer than the negation window means nothing more than the window itself.
    const n = out.skeys.length;
    if (n >= FILLER_RUN && out.skeys[n - 1] === FILLER && out.skeys[n - 2] === FILLER && out.skeys[n - 3] === FILLER) return;
  } else {
    if (info.caps) push(out, MARK.caps, MARK.caps, '');
    if (info.elongated) push(out, MARK.elongated, MARK.elongated, '');
  }
  push(out, p.key, p.skey, p.text);
}

function emit(lex: Lexicon, resolve: (text: string) => WordInfo, tokens: RawToken[]): Emitted {
  const out: Emitted = { keys: [], skeys: [], surfaces: [], norms: [], tags: new Set() };
  for (const t of tokens) {
    if (t.kind === 'word') {
      const info = resolve(t.text);
      out.norms.push(info.norm);
      if (info.tag) out.tags.add(info.tag);
      for (const p of info.parts) pushPart(lex, out, p, info);
    } else push(out, t.norm, t.norm, t.text);
  }
  return out;
}

const isEmojiKey = (key: string): boolean => {
  const c = key.charCodeAt(0);
  return c >= 0xd800 || (c >= 0x2000 && c < 0x3000);
};

function addReason(out: string[], r: string): void {
  if (!out.includes(r)) out.push(r);
}

/**
 * Reason strings for the strongest contributions. The weights `sentiment`
 * applied come from its calculation, listed last token first; only the top
 * few are traced again for the rules that shaped them.
 */
function explain(
  lex: Lexicon,
  e: Emitted,
  calculation: Array<Record<string, number>>,
  context: SentenceContext | null,
): string[] {
  const idx: number[] = [];
  const weights: number[] = [];
  let m = 0;
  for (let i = e.skeys.length - 1; i >= 0; i--) {
    const key = e.skeys[i] as string;
    if (!Object.hasOwn(lex.labels, key)) continue;
    const w = calculation[m++]?.[key] ?? 0;
    if (w === 0) continue;
    // Keep the strongest TOP_TRACED, ordered by |weight|.
    let at = idx.length;
    while (at > 0 && Math.abs(weights[at - 1] as number) < Math.abs(w)) at--;
    if (at >= TOP_TRACED) continue;
    idx.splice(at, 0, i);
    weights.splice(at, 0, w);
    if (idx.length > TOP_TRACED) {
      idx.pop();
      weights.pop();
    }
  }
  const out: string[] = [];
  for (let t = 0; t < idx.length; t++) {
    const i = idx[t] as number;
    const final = weights[t] as number;
    const key = e.skeys[i] as string;
    const trace: Trace = { rules: [], surfaces: e.surfaces };
    applyRules(lex, e.skeys, i, lex.labels[key] ?? 0, context, trace);
    const sign = final < 0 ? '-' : '+';
    if (key === MARK.very) addReason(out, `${sign}${(e.surfaces[i] ?? '').toLowerCase()}`);
    else if (key.charCodeAt(0) === 60) addReason(out, `emoticon:${e.surfaces[i] ?? key}`);
    else if (isEmojiKey(key)) addReason(out, `emoji:${key}`);
    else addReason(out, `${sign}${key}`);
    for (const r of trace.rules) addReason(out, r);
  }
  return out.length > MAX_REASONS ? out.slice(0, MAX_REASONS) : out;
}

function label(score: number, t: Thresholds): SentimentLabel {
  if (score <= t.negative) return 'negative';
  if (score >= t.positive) return 'positive';
  return 'neutral';
}

/** Build the analyzer: lexicons are loaded once here; analyze() itself is pure. */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const lex = buildLexicon((phrase, l) =>
    tokenize(phrase)
      .filter((t) => t.kind === 'word')
      .flatMap((t) => resolveWord(l, t.text).parts.map((p) => p.key)),
  );
  const sentiment = new Sentiment();
  // Context of the text being scored, read by the strategy during the synchronous analyze() call only.
  let current: SentenceContext | null = null;
  const strategy = createScoringStrategy(lex, () => current);
  // `sentiment` keeps languages in one table for the whole process: each analyzer
  // registers under its own code so two analyzers never share a strategy.
  const languageCode = `repwatch-${randomUUID()}`;
  sentiment.registerLanguage(languageCode, { labels: lex.labels, scoringStrategy: strategy });
  // registerLanguage copies the package's emoji list over our labels; our emoji weights win.
  Object.assign(lex.labels, lex.emoji);
  const resolve = createResolver(lex);
  const thresholds = {
    ru: { ...DEFAULT_THRESHOLDS.ru, ...options.thresholds?.ru },
    en: { ...DEFAULT_THRESHOLDS.en, ...options.thresholds?.en },
  };

  return {
    analyze(text: string, langHint?: Lang): Analysis {
      const { tokens, counts } = scan(text);
      const emitted = emit(lex, resolve, tokens);
      const lang = langHint ?? languageOf(counts, () => emitted.norms);
      if (lang === 'other') return { lang, score: null, label: 'unknown', reasons: [], tags: [] };
      const context = sentenceContext(emitted.skeys);
      current = context;
      const result = sentiment.analyze(emitted.skeys.join(' '), { language: languageCode });
      current = null;
      const sum = result.score;
      const score = sum === 0 ? 0 : sum / Math.sqrt(sum * sum + ALPHA);
      return {
        lang,
        score,
        label: label(score, thresholds[lang]),
        reasons: sum === 0 ? [] : explain(lex, emitted, result.calculation, context),
        tags: emitted.tags.size === 0 ? [] : [...emitted.tags].sort(),
      };
    },
  };
}
