import { randomUUID } from 'node:crypto';
import Sentiment from 'sentiment';
import type { Analysis, Analyzer, Lang, SentimentLabel } from './types.ts';
import { WordCache } from './word-cache.ts';
import { unescapeText } from './unescape.ts';
import { languageOfVotes, VoteTally, wordVote } from './language.ts';
import { countScripts, scanInto, tokenize, type ScanSink, type ScriptCounts } from './tokenize.ts';
import { buildLexicon, type Lexicon, type Phrase } from './lexicon/index.ts';
import { FILLER, resolveWord, type WordInfo, type WordPart } from './resolve.ts';
import { applyRules, MARK, NEGATION_WINDOW, sentenceContext, type SentenceContext, type Trace } from './scope.ts';

/**
 * The multilingual engine: our tokenizer, stemmer and lexicons turn a text
 * into keys, and `sentiment` scores those keys with a language we register
 * (labels = AFINN + our English + Russian stems, strategy = scope.ts).
 */

const MAX_REASONS = 8;
/** Contributions traced for reasons: the strongest few explain a label. */
const TOP_TRACED = 4;
/** Bound of the per-analyzer word cache: a long-running monitor stays flat. */
const MAX_WORDS = 50_000;

export interface Thresholds {
  /** Score at or below which a text is negative (a negative number). */
  negative: number;
  /** Score at or above which a text is positive. */
  positive: number;
}

export interface AnalyzerOptions {
  /** Per-language label thresholds; tuned defaults otherwise. */
  thresholds?: Partial<Record<'ru' | 'en', Thresholds>>;
  /** false: hand `sentiment` the joined string to tokenize itself (the reference path, slower). */
  pretokenized?: boolean;
}

/** Raw sums are squashed as s / sqrt(s^2 + ALPHA): one strong word gives about ±0.7. */
const ALPHA = 8;

export const DEFAULT_THRESHOLDS: Record<'ru' | 'en', Thresholds> = {
  ru: { negative: -0.05, positive: 0.62 },
  en: { negative: -0.5, positive: 0.48 },
};

/** A resolved word part with what emission needs, memoised with the word. */
class Part {
  readonly key: string;
  readonly skey: string;
  readonly text: string;
  /** Phrases this key completes. */
  readonly phrases: Phrase[] | undefined;
  /** The key may start or continue a phrase: it must stay in the stream. */
  readonly phraseHead: boolean;
  /** `sentiment` has a label for its skey (a weight, or a rule that may give it one). */
  readonly labelled: boolean;
  /** A plain word (filler) that is no phrase head: kept only as a spacer. */
  readonly plain: boolean;
  /** Marks to put before it: capitals, elongation (scored words and markers only). */
  readonly caps: boolean;
  readonly elongated: boolean;

  constructor(lex: Lexicon, p: WordPart, info: WordInfo) {
    this.key = p.key;
    this.skey = p.skey;
    this.text = p.text;
    this.phrases = lex.phrasesByLast.get(p.key);
    this.phraseHead = lex.phrasesByFirst.has(p.key);
    this.labelled = Object.hasOwn(lex.labels, p.skey);
    this.plain = p.skey === FILLER && !this.phraseHead;
    // Capitals and elongation weigh the word after them; before a plain word or a function word they would do nothing.
    this.caps = info.caps && this.labelled;
    this.elongated = info.elongated && this.labelled;
  }
}

/** Everything per distinct written word, computed once per analyzer. */
interface Word {
  tag: string | undefined;
  parts: Part[];
  /** Its vote for language detection (language.ts). */
  vote: number;
  /** Its letters by script. */
  scripts: ScriptCounts;
}

const noScripts = (): ScriptCounts => ({ cyrillic: 0, latin: 0, other: 0, diacritics: 0, nonRussianCyrillic: 0, russianOnly: 0 });

const LT = 60; // "<": every marker starts with it, no word does

/**
 * The token stream of one text, as `sentiment` will see it. One per analyzer,
 * reset per text (analyze() is synchronous): arrays keep their capacity and
 * are filled by index up to `n`, so scoring a text allocates little.
 *
 * It also tracks, as tokens arrive, what decides whether a plain word must
 * stay: a plain word matters only as a spacer right after a modifier or a
 * phrase head, or as one of the words a negator reaches over. Anywhere else
 * dropping it changes no weight and saves `sentiment` a token.
 */
class Stream {
  keys: string[] = [];
  /** What `sentiment` scores: keys, markers and fillers, one-to-one with `keys`. */
  skeys: string[] = [];
  surfaces: string[] = [];
  n = 0;
  /** Tokens `sentiment` has a label for (an upper bound: phrases may fold some). */
  scored = 0;
  /** A contrast, concession or "!" was seen: the sentence context is needed. */
  sentenceMarks = false;
  /** Words since the nearest negator still in reach, or -1. */
  negWords = -1;
  /** The last token is a modifier or a phrase head: a plain word after it must stay. */
  spacer = false;
  /** Index of a concession ("хотя", "although") still open in this clause, or -1. */
  concessionAt = -1;
  tags: string[] = [];
  /** Where `sentiment` scored and with what final weight, as its strategy saw it. */
  hitAt: number[] = [];
  hitWeight: number[] = [];
  /** Whether a rule changed the weight of that hit (else its reason is the word alone). */
  hitRuled: boolean[] = [];
  hits = 0;

  reset(): void {
    this.n = 0;
    this.scored = 0;
    this.sentenceMarks = false;
    this.negWords = -1;
    this.spacer = false;
    this.concessionAt = -1;
    this.hits = 0;
    if (this.tags.length > 0) this.tags.length = 0;
  }

  push(key: string, skey: string, surface: string, head: boolean): void {
    const n = this.n;
    this.keys[n] = key;
    this.skeys[n] = skey;
    this.surfaces[n] = surface;
    this.n = n + 1;
    this.track(skey, head);
  }

  private track(skey: string, head: boolean): void {
    if (skey.charCodeAt(0) !== LT) {
      this.spacer = head;
      if (this.negWords >= 0 && ++this.negWords >= NEGATION_WINDOW) this.negWords = -1;
      return;
    }
    switch (skey) {
      case MARK.negator:
        this.negWords = 0;
        this.spacer = head;
        return;
      case MARK.intensifier:
      case MARK.very:
      case MARK.downtoner:
        this.spacer = true;
        return;
      case MARK.caps:
      case MARK.elongated:
        return;
      case MARK.denier:
        this.spacer = true;
        this.negWords = -1;
        return;
      case MARK.concessive:
        this.sentenceMarks = true;
        this.concessionAt = this.n - 1;
        break;
      case MARK.contrast:
      case MARK.weakContrast:
        this.sentenceMarks = true;
        break;
      case MARK.exclaim:
      case MARK.exclaimMany:
        this.sentenceMarks = true;
        this.concessionAt = -1;
        break;
      case MARK.clause:
      case MARK.sentence:
        this.concessionAt = -1;
        break;
      default:
    }
    this.negWords = -1;
    this.spacer = head;
  }

  /**
   * A clause or sentence boundary. Tokens before it that only reach forward
   * (plain words, negators, intensifiers, capitals...) reach nothing across
   * it, so they go; and the boundary itself goes when nothing before it is
   * left for it to stop (no negator or modifier in reach, no open concession),
   * or when it repeats the boundary before it.
   */
  boundary(lex: Lexicon, norm: string, surface: string): void {
    if (this.popForwardOnly()) this.recompute(lex);
    const n = this.n;
    if (n === 0) return;
    const last = this.skeys[n - 1] as string;
    if (last === MARK.sentence || last === MARK.exclaim || last === MARK.exclaimMany) return;
    if (last === MARK.clause) {
      if (norm === MARK.sentence) {
        this.n = n - 1;
        this.push(norm, norm, surface, false);
      }
      return;
    }
    if (norm === MARK.clause && this.negWords < 0 && !this.spacer && this.concessionAt < 0) return;
    this.push(norm, norm, surface, false);
  }

  /**
   * Drop trailing intensifiers and downtoners (a plain word follows them).
   * Negators skip over them when they count words, so nothing else changes.
   */
  dropPlainModifiers(lex: Lexicon): void {
    const start = this.n;
    let n = start;
    while (n > 0) {
      const t = this.skeys[n - 1] as string;
      if ((t === MARK.intensifier || t === MARK.downtoner) && !lex.phrasesByFirst.has(this.keys[n - 1] as string)) n--;
      else break;
    }
    if (n === start) return;
    this.n = n;
    this.recompute(lex);
  }

  /** Drop trailing tokens that weigh only what follows them; true when any went. */
  private popForwardOnly(): boolean {
    const start = this.n;
    let n = start;
    while (n > 0 && isForwardOnly(this.skeys[n - 1] as string)) n--;
    this.n = n;
    return n !== start;
  }

  /** Before the tokens are handed to `sentiment`: trailing boundaries and forward-only tokens weigh nothing. */
  finish(): void {
    while (this.n > 0) {
      const last = this.skeys[this.n - 1] as string;
      if (last === MARK.sentence || last === MARK.clause || isForwardOnly(last)) this.n--;
      else break;
    }
  }

  /** Negation reach, spacer and open concession from the last few tokens (after tokens were dropped). */
  recompute(lex: Lexicon): void {
    const n = this.n;
    if (this.concessionAt >= n) this.concessionAt = -1;
    this.negWords = -1;
    this.spacer = false;
    if (n === 0) return;
    const last = this.skeys[n - 1] as string;
    this.spacer = isModifier(last) || lex.phrasesByFirst.has(this.keys[n - 1] as string);
    for (let k = n - 1, words = 0; k >= 0; k--) {
      const t = this.skeys[k] as string;
      if (t.charCodeAt(0) === LT) {
        if (t === MARK.negator) {
          this.negWords = words;
          return;
        }
        if (isModifier(t) || t === MARK.caps || t === MARK.elongated) continue;
        return;
      }
      if (++words >= NEGATION_WINDOW) return;
    }
  }

  /** After a phrase folded tokens away: state as if the stream had been pushed as it now is. */
  replay(lex: Lexicon): void {
    this.negWords = -1;
    this.spacer = false;
    for (let i = 0; i < this.n; i++) this.track(this.skeys[i] as string, lex.phrasesByFirst.has(this.keys[i] as string));
  }

  /** The tokens `sentiment` scores, in order. */
  tokens(): string[] {
    return this.skeys.slice(0, this.n) as string[];
  }

  /** The same tokens as one string: `sentiment` splits it back into exactly these. */
  text(): string {
    let s = this.skeys[0] as string;
    for (let i = 1; i < this.n; i++) s += ' ' + (this.skeys[i] as string);
    return s;
  }

  hit(at: number, weight: number, ruled: boolean): void {
    this.hitAt[this.hits] = at;
    this.hitWeight[this.hits] = weight;
    this.hitRuled[this.hits] = ruled;
    this.hits++;
  }
}

/** Intensifiers and downtoners: they weigh the word right after them. */
function isModifier(t: string): boolean {
  return t === MARK.intensifier || t === MARK.very || t === MARK.downtoner || t === MARK.denier;
}

/**
 * Tokens that only change what comes after them, and carry no label:
 * across a boundary, or at the end, they do nothing. ("<very>" has a label:
 * alone after a negator it is a complaint.)
 */
function isForwardOnly(t: string): boolean {
  if (t === FILLER) return true;
  if (t.charCodeAt(0) !== LT) return false;
  return (
    t === MARK.negator || t === MARK.intensifier || t === MARK.downtoner || t === MARK.denier ||
    t === MARK.caps || t === MARK.elongated || t === MARK.concessive
  );
}

/** Append a word, folding it into a phrase when the words before it complete one. */
function pushPart(lex: Lexicon, out: Stream, p: Part): void {
  if (p.phrases !== undefined && foldPhrase(lex, out, p)) return;
  if (p.plain) {
    // An intensifier or downtoner weighs only the word right after it: before a plain word it has nothing to weigh.
    if (out.spacer) out.dropPlainModifiers(lex);
    if (out.negWords < 0 && !out.spacer) return;
  } else {
    if (p.caps) out.push(MARK.caps, MARK.caps, '', false);
    if (p.elongated) out.push(MARK.elongated, MARK.elongated, '', false);
    if (p.labelled) out.scored++;
  }
  out.push(p.key, p.skey, p.text, p.phraseHead);
}

function foldPhrase(lex: Lexicon, out: Stream, p: Part): boolean {
  for (const ph of p.phrases as Phrase[]) {
    const start = out.n - ph.head.length;
    if (start < 0) continue;
    let match = true;
    for (let h = 0; h < ph.head.length && match; h++) match = out.keys[start + h] === ph.head[h];
    if (!match) continue;
    const words = out.surfaces.slice(start, out.n);
    words.push(p.text);
    out.n = start;
    out.replay(lex);
    out.push(ph.key, ph.key, words.join(' '), lex.phrasesByFirst.has(ph.key));
    out.scored++;
    return true;
  }
  return false;
}

const isEmojiKey = (key: string): boolean => {
  const c = key.charCodeAt(0);
  return c >= 0xd800 || (c >= 0x2000 && c < 0x3000);
};

function addReason(out: string[], r: string): void {
  if (!out.includes(r)) out.push(r);
}

/**
 * Reason strings for the strongest contributions: the strategy recorded
 * where `sentiment` scored and with what weight; only the top few are traced
 * again for the rules that shaped them. `tokens` are `sentiment`'s own.
 */
function explain(lex: Lexicon, e: Stream, tokens: readonly string[], context: SentenceContext | null): string[] {
  // The strongest TOP_TRACED hits, ordered by |weight| (ties: the later word first, as sentiment lists them).
  const top: number[] = [];
  for (let h = 0; h < e.hits; h++) {
    const w = Math.abs(e.hitWeight[h] as number);
    if (w === 0) continue;
    let at = top.length;
    while (at > 0 && Math.abs(e.hitWeight[top[at - 1] as number] as number) < w) at--;
    if (at >= TOP_TRACED) continue;
    // Insert at `at`, shifting the weaker ones down and the weakest out.
    for (let k = Math.min(top.length, TOP_TRACED - 1); k > at; k--) top[k] = top[k - 1] as number;
    top[at] = h;
  }
  const out: string[] = [];
  for (let t = 0; t < top.length; t++) {
    const h = top[t] as number;
    const i = e.hitAt[h] as number;
    const key = tokens[i] as string;
    const sign = (e.hitWeight[h] as number) < 0 ? '-' : '+';
    if (key === MARK.very) addReason(out, sign + (e.surfaces[i] ?? '').toLowerCase());
    else if (key.charCodeAt(0) === LT) addReason(out, 'emoticon:' + (e.surfaces[i] ?? key));
    else if (isEmojiKey(key)) addReason(out, 'emoji:' + key);
    else addReason(out, sign + key);
    // Only a weight some rule changed is traced again for the rules' names.
    if (e.hitRuled[h]) {
      const trace: Trace = { rules: [], surfaces: e.surfaces };
      applyRules(lex, tokens, i, lex.labels[key] ?? 0, context, trace);
      for (const r of trace.rules) addReason(out, r);
    }
  }
  return out.length > MAX_REASONS ? out.slice(0, MAX_REASONS) : out;
}

function label(score: number, t: Thresholds): SentimentLabel {
  if (score <= t.negative) return 'negative';
  if (score >= t.positive) return 'positive';
  return 'neutral';
}

/** The lexicon an analyzer reads, phrases normalised as text is (also used by bench/lib/learn-weights.ts). */
export function buildEngineLexicon(options: { tuned?: boolean } = {}): Lexicon {
  return buildLexicon(
    (phrase, l) =>
      tokenize(phrase)
        .filter((t) => t.kind === 'word')
        .flatMap((t) => resolveWord(l, t.text).parts.map((p) => p.key)),
    options,
  );
}

/**
 * `sentiment` 5 lower-cases, strips punctuation from and splits the string it
 * is given. Our keys are already lower-case, clean and split, so it gets them
 * as they are: an input whose toLowerCase/replace/trim chain ends in split()
 * returning the tokens. Same scores (a test compares both paths), a tenth of
 * the analyzer's time saved. Pinned to sentiment 5.0.2 in package.json.
 */
export function preTokenized(tokens: string[]): string {
  const chain = { replace: () => chain, trim: () => chain, split: () => tokens };
  return { toLowerCase: () => chain } as unknown as string;
}

/** Build the analyzer: lexicons are loaded once here; analyze() itself is pure. */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const lex = buildEngineLexicon();
  const sentiment = new Sentiment();
  const out = new Stream();
  const votes = new VoteTally();
  const counts = noScripts();
  // Sentence context of the text being scored: computed from `sentiment`'s tokens at its
  // first scored word, read by the strategy during the synchronous analyze() call only.
  const scratch: SentenceContext = { factor: [], contrastAt: [], contrastKind: [], exclaimAt: [] };
  let context: SentenceContext | null = null;
  let contextReady = false;
  const strategy = {
    apply(tokens: string[], cursor: number, base: number): number {
      if (!contextReady) {
        context = out.sentenceMarks ? sentenceContext(tokens, scratch) : null;
        contextReady = true;
      }
      const w = applyRules(lex, tokens, cursor, base, context);
      out.hit(cursor, w, w !== base);
      return w;
    },
  };
  // `sentiment` keeps languages in one table for the whole process: each analyzer
  // registers under its own code so two analyzers never share a strategy.
  const languageCode = `repwatch-${randomUUID()}`;
  const sentimentOptions = { language: languageCode };
  sentiment.registerLanguage(languageCode, { labels: lex.labels, scoringStrategy: strategy });
  // registerLanguage copies the package's emoji list over our labels; our emoji weights win.
  Object.assign(lex.labels, lex.emoji);

  // Per-word work (resolution, stems, phrase links, language votes, script counts) is
  // memoised per written word, in a bounded cache owned by this analyzer.
  const words = new WordCache<Word>(MAX_WORDS);
  const wordOf = (source: string, start: number, end: number): Word => {
    const hash = WordCache.hash(source, start, end);
    let w = words.get(source, start, end, hash);
    if (w === undefined) {
      const text = source.slice(start, end);
      const info = resolveWord(lex, text);
      w = {
        tag: info.tag,
        parts: info.parts.map((p) => new Part(lex, p, info)),
        vote: wordVote(info.norm),
        scripts: noScripts(),
      };
      countScripts(text, w.scripts);
      words.set(text, hash, w);
    }
    return w;
  };
  const sink: ScanSink = {
    word(source, start, end) {
      const w = wordOf(source, start, end);
      const sc = w.scripts;
      counts.cyrillic += sc.cyrillic;
      counts.latin += sc.latin;
      counts.other += sc.other;
      counts.diacritics += sc.diacritics;
      counts.nonRussianCyrillic += sc.nonRussianCyrillic;
      counts.russianOnly += sc.russianOnly;
      if (w.vote !== 0) votes.add(w.vote);
      if (w.tag !== undefined && !out.tags.includes(w.tag)) out.tags.push(w.tag);
      const parts = w.parts;
      for (let k = 0; k < parts.length; k++) pushPart(lex, out, parts[k] as Part);
    },
    mark(kind, text, norm) {
      if (kind === 'clause' || kind === 'sentence') {
        out.boundary(lex, norm, text);
        return;
      }
      // Emoticons and emoji are labels.
      if (kind === 'emoji' || kind === 'emoticon') out.scored++;
      out.push(norm, norm, text, false);
    },
  };
  const tally = (): VoteTally => votes;
  const thresholds = {
    ru: { ...DEFAULT_THRESHOLDS.ru, ...options.thresholds?.ru },
    en: { ...DEFAULT_THRESHOLDS.en, ...options.thresholds?.en },
  };

  return {
    analyze(text: string, langHint?: Lang): Analysis {
      out.reset();
      votes.reset();
      counts.cyrillic = counts.latin = counts.other = counts.diacritics = counts.nonRussianCyrillic = counts.russianOnly = 0;
      scanInto(unescapeText(text), sink);
      const lang = langHint ?? languageOfVotes(counts, tally);
      if (lang === 'other') return { lang, score: null, label: 'unknown', reasons: [], tags: [] };
      let sum = 0;
      let reasons: string[] = [];
      // A text without a single labelled key scores 0 in `sentiment`: no need to ask it.
      if (out.scored > 0) {
        out.finish();
        contextReady = false;
        context = null;
        try {
          const result = sentiment.analyze(options.pretokenized === false ? out.text() : preTokenized(out.tokens()), sentimentOptions);
          sum = result.score;
          if (sum !== 0) reasons = explain(lex, out, result.tokens, context);
        } finally {
          context = null;
        }
      }
      const score = sum === 0 ? 0 : sum / Math.sqrt(sum * sum + ALPHA);
      const tags = out.tags;
      return {
        lang,
        score,
        label: label(score, thresholds[lang]),
        reasons,
        tags: tags.length === 0 ? [] : tags.length === 1 ? [tags[0] as string] : [...tags].sort(),
      };
    },
  };
}
