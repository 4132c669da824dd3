/**
 * The token stream of one text as `sentiment` will see it, and the
 * bookkeeping that decides which plain words and boundaries it can drop.
 */
import type { Lexicon } from './lexicon/index.ts';
import { FILLER } from './resolve.ts';
import { MARK, NEGATION_WINDOW } from './scope.ts';

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
export class Stream {
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
    this.spacer = isModifier(last) || spacerAfter(lex, this.keys[n - 1] as string);
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
    for (let i = 0; i < this.n; i++) this.track(this.skeys[i] as string, spacerAfter(lex, this.keys[i] as string));
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

/**
 * A word after which the next plain word and a clause boundary must stay:
 * a phrase head, or an expletive (it intensifies only the very next word).
 */
export function spacerAfter(lex: Lexicon, key: string): boolean {
  return lex.phrasesByFirst.has(key) || lex.expletives.has(key);
}

/** Intensifiers and downtoners: they weigh the word right after them. */
export function isModifier(t: string): boolean {
  return t === MARK.intensifier || t === MARK.very || t === MARK.downtoner || t === MARK.denier;
}

/**
 * Tokens that only change what comes after them, and carry no label:
 * across a boundary, or at the end, they do nothing. ("<very>" has a label:
 * alone after a negator it is a complaint.)
 */
export function isForwardOnly(t: string): boolean {
  if (t === FILLER) return true;
  if (t.charCodeAt(0) !== LT) return false;
  return (
    t === MARK.negator || t === MARK.intensifier || t === MARK.downtoner || t === MARK.denier ||
    t === MARK.caps || t === MARK.elongated || t === MARK.concessive
  );
}
