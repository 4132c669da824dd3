import { randomUUID } from 'node:crypto';
import Sentiment from 'sentiment';
import type { Analysis, Analyzer, Lang, SentimentLabel } from './types.ts';
import { WordCache } from './word-cache.ts';
import { unescapeText } from './unescape.ts';
import { languageOfVotes, VoteTally, wordVote } from './language.ts';
import { countScripts, scanInto, tokenize, type ScanSink, type ScriptCounts } from './tokenize.ts';
import { buildLexicon, type Lexicon } from './lexicon/index.ts';
import { resolveWord } from './resolve.ts';
import { applyRules, sentenceContext, type SentenceContext } from './scope.ts';
import { Stream } from './stream.ts';
import { Part, pushPart } from './emit.ts';
import { explain } from './explain.ts';
import { leanScore } from './lean.ts';
import { Caps, capsOf, NameRun } from './names.ts';

/**
 * The multilingual engine: our tokenizer, stemmer and lexicons turn a text
 * into keys, and `sentiment` scores those keys with a language we register
 * (labels = AFINN + our English + Russian stems, strategy = scope.ts).
 */

/** Bound of the per-analyzer word cache: a long-running monitor stays flat. */
const MAX_WORDS = 50_000;

export interface Thresholds {
  /** Score at or below which a text is negative (a negative number). */
  negative: number;
  /** Score at or above which a text is positive. */
  positive: number;
}

export interface AnalyzerOptions {
  /** Per-language label thresholds, each bound on its own; tuned defaults otherwise (config `sentiment.thresholds`). */
  thresholds?: Partial<Record<'ru' | 'en', { negative?: number | undefined; positive?: number | undefined }>>;
  /** false: hand `sentiment` the joined string to tokenize itself (the reference path, slower). */
  pretokenized?: boolean;
}

/**
 * Russian positive sits just under one +2 word (0.58): in brand-mention tweets praise is
 * often a single word ("лучший интернет-банк"), and 0.62 left it neutral (SentiRuEval-2015
 * bank, train split: positive F1 0.14 -> 0.38 for 0.003 of RuSentiTweet's macro-F1).
 */
export const DEFAULT_THRESHOLDS: Record<'ru' | 'en', Thresholds> = {
  ru: { negative: -0.05, positive: 0.55 },
  en: { negative: -0.4, positive: 0.48 },
};

/** Everything per distinct written word, computed once per analyzer. */
interface Word {
  tag: string | undefined;
  parts: Part[];
  /** Its vote for language detection (language.ts). */
  vote: number;
  /** Its letters by script. */
  scripts: ScriptCounts;
  /** Capitalisation, for proper names (names.ts). */
  caps: Caps;
}

const noScripts = (): ScriptCounts => ({ cyrillic: 0, latin: 0, other: 0, diacritics: 0, nonRussianCyrillic: 0, russianOnly: 0 });

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
  return new TokenInput(tokens) as unknown as string;
}

/**
 * The input preTokenized hands `sentiment`, as a class: one object per
 * analyzer, refilled per text. (Closures made per call would each be renamed
 * by the tsx/esbuild `keepNames` helper, a defineProperty per function per
 * text, which cost more than the rest of the call.)
 */
class TokenInput {
  constructor(public tokens: string[]) {}
  toLowerCase(): this {
    return this;
  }
  replace(): this {
    return this;
  }
  trim(): this {
    return this;
  }
  split(): string[] {
    return this.tokens;
  }
}

/**
 * The same text as a flat, sequential string. A text built by concatenation
 * (title + body, a scraper's pieces) is a V8 cons string: once flattened it
 * still reads every character through the cons wrapper, which costs the
 * scanner, the word cache and `startsWith` about a tenth of the analyzer's
 * time. String.prototype.toWellFormed (Node 20) returns the flat string
 * itself when the text has no lone surrogates; one with them is kept as it is
 * (toWellFormed would replace them), so the text scanned never changes.
 */
function flat(text: string): string {
  const w = (text as unknown as { toWellFormed(): string }).toWellFormed();
  return w === text ? w : text;
}

/** Build the analyzer: lexicons are loaded once here; analyze() itself is pure. */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const lex = buildEngineLexicon();
  const sentiment = new Sentiment();
  const out = new Stream();
  const names = new NameRun();
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
        caps: info.parts.length === 1 ? capsOf(text, info.norm) : Caps.Other,
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
      votes.add(w.vote);
      if (w.tag !== undefined && !out.tags.includes(w.tag)) out.tags.push(w.tag);
      const parts = w.parts;
      for (let k = 0; k < parts.length; k++) pushPart(lex, out, parts[k] as Part);
      const caps = w.caps;
      if (caps === Caps.Lower) names.lower();
      else if (caps !== Caps.Other) {
        const p = parts[0] as Part;
        names.word(out, caps, p.labelled && out.keys[out.n - 1] === p.key, p.key);
      } else if (names.busy) names.plain();
    },
    mark(kind, text, norm) {
      if (kind === 'sentence' || kind === 'exclaim') names.mark(true);
      else if (names.busy) names.mark(false);
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
  const tokenInput = new TokenInput([]);
  const bound = (lang: 'ru' | 'en'): Thresholds => ({
    negative: options.thresholds?.[lang]?.negative ?? DEFAULT_THRESHOLDS[lang].negative,
    positive: options.thresholds?.[lang]?.positive ?? DEFAULT_THRESHOLDS[lang].positive,
  });
  const thresholds = { ru: bound('ru'), en: bound('en') };

  return {
    analyze(text: string, langHint?: Lang): Analysis {
      out.reset();
      names.reset();
      votes.reset();
      counts.cyrillic = counts.latin = counts.other = counts.diacritics = counts.nonRussianCyrillic = counts.russianOnly = 0;
      scanInto(flat(unescapeText(text)), sink);
      const lang = langHint ?? languageOfVotes(counts, tally);
      if (lang === 'other') return { lang, score: null, label: 'unknown', reasons: [], tags: [] };
      let score = 0;
      let reasons: string[] = [];
      // A text without a single labelled key scores 0 in `sentiment`: no need to ask it.
      if (out.scored > 0) {
        names.finish(out);
        out.finish();
        contextReady = false;
        context = null;
        try {
          let input: string;
          if (options.pretokenized === false) input = out.text();
          else {
            tokenInput.tokens = out.tokens();
            input = tokenInput as unknown as string;
          }
          const result = sentiment.analyze(input, sentimentOptions);
          // `sentiment` summed the weights the strategy returned, hit by hit (out.hit): the lean reads them.
          score = leanScore(out.hitWeight, out.hits);
          if (score !== 0) reasons = explain(lex, out, result.tokens, context);
        } finally {
          context = null;
        }
      }
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
