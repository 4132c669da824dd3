/**
 * Rules that change a word's weight by its neighbours: negation and its
 * scope, intensifiers and downtoners, contrast, capitals, elongation and
 * exclamation. It runs as the `scoringStrategy` of the `sentiment` language
 * we register, over the keys the engine emitted, so `sentiment` still does
 * the scoring; the same function, given a trace, explains a score.
 *
 * Function words reach `sentiment` as markers ("<neg>", "<but>"...): a rule
 * then tests one character before comparing, which keeps scoring cheap.
 */
import type { Lexicon } from './lexicon/index.ts';

export const MARK = {
  sentence: '<s>',
  clause: '<c>',
  exclaim: '<x>',
  exclaimMany: '<xx>',
  caps: '<up>',
  elongated: '<el>',
  negator: '<neg>',
  intensifier: '<int>',
  downtoner: '<dwn>',
  denier: '<deny>',
  contrast: '<but>',
  weakContrast: '<a>',
  concessive: '<tho>',
  /** "очень", "very": an intensifier that alone after a negator is a complaint ("не очень"). */
  very: '<very>',
} as const;

/** How far back a negator reaches, in words ("не очень-то и хороший"). */
export const NEGATION_WINDOW = 3;
const LT = 60; // "<": every marker starts with it, no word does

export const WEIGHTS = {
  negatePositive: -0.75,
  negateNegative: -0.5,
  negatedVery: -1.5,
  intensifier: 1.5,
  negatedIntensifier: 0.8,
  downtoner: 0.5,
  afterContrast: 2,
  beforeContrast: 0.5,
  afterWeakContrast: 1.2,
  beforeWeakContrast: 0.8,
  concessive: 0.5,
  caps: 1.4,
  elongated: 1.3,
  exclaim: 1.2,
  exclaimMany: 1.4,
} as const;

/** Optional explanation collector: rule strings are pushed as they apply. */
export interface Trace {
  rules: string[];
  surfaces: readonly string[];
}

/** Emoji and emoticons are never negated or intensified as words are. */
function isWord(t: string): boolean {
  const c = t.charCodeAt(0);
  return c !== LT && (c < 0x2000 || (c >= 0x3000 && c < 0xd800));
}

function rule(trace: Trace | undefined, name: string, i: number, j = -1): void {
  if (!trace) return;
  const s = trace.surfaces;
  trace.rules.push(j >= 0 ? `${name}:${s[j] ?? ''} ${s[i] ?? ''}` : `${name}:${s[i] ?? ''}`);
}

/** The token after i (past capitals and elongation marks) is a word with a weight of its own. */
function scoredNext(lex: Lexicon, tokens: readonly string[], i: number): boolean {
  let k = i + 1;
  while (tokens[k] === MARK.caps || tokens[k] === MARK.elongated) k++;
  const next = tokens[k];
  // A word that weighs only when negated ("not fucking working") counts too: the expletive then
  // intensifies the complaint instead of weighing once more on its own.
  return next !== undefined && isWord(next) && ((lex.labels[next] ?? 0) !== 0 || lex.negatedNeutral.has(next));
}

/** Weight of tokens[i] after the rules; `base` is its lexicon weight. */
export function applyRules(
  lex: Lexicon,
  tokens: readonly string[],
  i: number,
  base: number,
  context?: SentenceContext | null,
  trace?: Trace,
): number {
  const key = tokens[i] as string;
  const word = isWord(key);
  if (lex.expletives.has(key) && scoredNext(lex, tokens, i)) return 0;

  // Capitals and elongation are marked just before the word.
  let j = i - 1;
  let factor = 1;
  while (j >= 0 && (tokens[j] === MARK.caps || tokens[j] === MARK.elongated)) {
    const caps = tokens[j] === MARK.caps;
    factor *= caps ? WEIGHTS.caps : WEIGHTS.elongated;
    rule(trace, caps ? 'caps' : 'elongated', i);
    j--;
  }
  const prev = j >= 0 ? (tokens[j] as string) : '';

  // A negator within the clause, a few words back.
  let negator = -1;
  if (word || key === MARK.very) {
    for (let k = j, n = 0; k >= 0 && n < NEGATION_WINDOW; k--) {
      const t = tokens[k] as string;
      if (t.charCodeAt(0) === LT) {
        if (t === MARK.negator) {
          negator = k;
          break;
        }
        if (t === MARK.intensifier || t === MARK.downtoner || t === MARK.very || t === MARK.caps || t === MARK.elongated) continue;
        break;
      }
      n++;
    }
  }

  let score = base;
  if (base === 0) {
    const neutralWeight = key === MARK.very ? WEIGHTS.negatedVery : lex.negatedNeutral.get(key);
    if (neutralWeight === undefined || negator < 0) return 0;
    // "не очень хороший": the adjective carries the negation, not "очень".
    const next = tokens[i + 1];
    if (key === MARK.very && next !== undefined && (lex.labels[next] ?? 0) !== 0) return 0;
    score = neutralWeight;
    rule(trace, 'negation', i, negator);
  } else if (negator >= 0 && !lex.sticky.has(key)) {
    score = score > 0 ? score * WEIGHTS.negatePositive : score * WEIGHTS.negateNegative;
    rule(trace, 'negation', i, negator);
  }

  // Intensifier or downtoner right before the word (a negator may precede it).
  if (prev === MARK.intensifier || prev === MARK.very || (prev !== '' && lex.expletives.has(prev))) {
    // "not very good", "not really working" soften; "not fucking working" does not.
    const softened = negator >= 0 && !(base === 0 && lex.expletives.has(prev));
    factor *= softened ? WEIGHTS.negatedIntensifier : WEIGHTS.intensifier;
    rule(trace, 'intensifier', j);
  } else if (prev === MARK.downtoner || prev === MARK.denier) {
    factor *= WEIGHTS.downtoner;
    if (prev === MARK.denier && score > 0) score = -score;
    rule(trace, 'downtoner', j);
  }

  const c = context === undefined ? sentenceContext(tokens) : context;
  if (c === null) return score * factor;
  if (trace) {
    if (c.contrastAt[i] !== -1) rule(trace, c.contrastKind[i] === 1 ? 'contrast' : 'concession', c.contrastAt[i] as number);
    if (c.exclaimAt[i] !== -1) rule(trace, 'exclaim', c.exclaimAt[i] as number);
  }
  return score * factor * (c.factor[i] as number);
}

/** Sentence-level weights per token: contrast and concession before it, contrast and "!" after it. */
export interface SentenceContext {
  factor: number[];
  /** Index of the contrast or concession that weighs this token (-1: none); kind 1 contrast, 2 concession, 3 weak. */
  contrastAt: number[];
  contrastKind: number[];
  exclaimAt: number[];
}

function hasSentenceMarks(tokens: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t.charCodeAt(0) === LT && (t === MARK.contrast || t === MARK.weakContrast || t === MARK.concessive || t === MARK.exclaim || t === MARK.exclaimMany)) {
      return true;
    }
  }
  return false;
}

/**
 * One pass each way instead of a scan per scored word: a long review with
 * many sentiment words stays linear. `reuse` is filled instead of new arrays.
 */
export function sentenceContext(tokens: readonly string[], reuse?: SentenceContext): SentenceContext | null {
  // Most texts have no contrast and no "!": nothing to compute then.
  if (!hasSentenceMarks(tokens)) return null;
  const n = tokens.length;
  const c = reuse ?? { factor: [], contrastAt: [], contrastKind: [], exclaimAt: [] };
  const { factor, contrastAt, contrastKind, exclaimAt } = c;
  factor.length = contrastAt.length = contrastKind.length = exclaimAt.length = n;
  factor.fill(1);
  contrastAt.fill(-1);
  contrastKind.fill(0);
  exclaimAt.fill(-1);
  // Forward: the nearest contrast since the sentence start, or a concession in the same clause.
  let contrast = -1;
  let weak = false;
  let concession = -1;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as string;
    if (t.charCodeAt(0) === LT) {
      if (t === MARK.sentence || t === MARK.exclaim || t === MARK.exclaimMany) {
        contrast = -1;
        concession = -1;
      } else if (t === MARK.clause) concession = -1;
      else if (t === MARK.contrast || t === MARK.weakContrast) {
        contrast = i;
        weak = t === MARK.weakContrast;
      } else if (t === MARK.concessive) concession = i;
    }
    if (concession > contrast && concession !== i) {
      factor[i] = WEIGHTS.concessive;
      contrastAt[i] = concession;
      contrastKind[i] = 2;
    } else if (contrast >= 0 && contrast !== i) {
      factor[i] = weak ? WEIGHTS.afterWeakContrast : WEIGHTS.afterContrast;
      contrastAt[i] = weak ? -1 : contrast;
      contrastKind[i] = weak ? 3 : 1;
    }
  }
  // Backward: the first contrast later in the sentence demotes; the sentence's "!" lifts.
  let ahead = '';
  let bang = -1;
  for (let i = n - 1; i >= 0; i--) {
    const t = tokens[i] as string;
    if (ahead === MARK.contrast) factor[i] = (factor[i] as number) * WEIGHTS.beforeContrast;
    else if (ahead === MARK.weakContrast) factor[i] = (factor[i] as number) * WEIGHTS.beforeWeakContrast;
    if (bang >= 0) {
      factor[i] = (factor[i] as number) * (tokens[bang] === MARK.exclaim ? WEIGHTS.exclaim : WEIGHTS.exclaimMany);
      exclaimAt[i] = bang;
    }
    if (t.charCodeAt(0) !== LT) continue;
    if (t === MARK.sentence) {
      ahead = '';
      bang = -1;
    } else if (t === MARK.exclaim || t === MARK.exclaimMany) {
      ahead = '';
      bang = i;
    } else if (t === MARK.contrast || t === MARK.weakContrast) ahead = t;
  }
  return c;
}
