/**
 * Emission: a resolved word part becomes tokens of the stream (markers for
 * capitals and elongation, the key itself, or a phrase the words complete).
 */
import type { Lexicon, Phrase } from './lexicon/index.ts';
import { FILLER, type WordInfo, type WordPart } from './resolve.ts';
import { MARK } from './scope.ts';
import { spacerAfter, type Stream } from './stream.ts';

/** A resolved word part with what emission needs, memoised with the word. */
export class Part {
  readonly key: string;
  readonly skey: string;
  readonly text: string;
  /** Phrases this key completes. */
  readonly phrases: Phrase[] | undefined;
  /** The key may start or continue a phrase: it must stay in the stream. */
  readonly phraseHead: boolean;
  /** A plain word or boundary right after it must stay (stream.ts spacerAfter). */
  readonly spacerAfter: boolean;
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
    this.spacerAfter = spacerAfter(lex, p.key);
    this.labelled = Object.hasOwn(lex.labels, p.skey);
    this.plain = p.skey === FILLER && !this.phraseHead;
    // Capitals and elongation weigh the word after them; before a plain word or a function word they would do nothing.
    this.caps = info.caps && this.labelled;
    this.elongated = info.elongated && this.labelled;
  }
}

/** Append a word, folding it into a phrase when the words before it complete one. */
export function pushPart(lex: Lexicon, out: Stream, p: Part): void {
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
  out.push(p.key, p.skey, p.text, p.spacerAfter);
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
    out.push(ph.key, ph.key, joinWords(words), lex.phrasesByFirst.has(ph.key));
    out.scored++;
    return true;
  }
  return false;
}

/** A phrase as written: "n't", split off by the tokenizer, goes back onto its word ("won't be back"). */
function joinWords(words: string[]): string {
  let out = words[0] ?? '';
  for (let k = 1; k < words.length; k++) {
    const w = words[k] as string;
    out += /^n['’]t$/i.test(w) ? w : ` ${w}`;
  }
  return out;
}
