/**
 * Proper names in English text: a sentiment word written with a capital
 * inside a run of capitalised words ("the Great Lakes", "Rich Gedman",
 * "Hero Dog Awards", "Chance the Rapper") names something rather than
 * judging it, so it weighs nothing. The first word of a sentence is
 * capitalised by convention: it neither counts as such a neighbour nor
 * loses its weight. A text with no lower-case word at all ("Had An Amazing
 * Day") capitalises everything, so there its capitals name nothing.
 */
import { FILLER } from './resolve.ts';
import type { Stream } from './stream.ts';

/** Capitalised words that are no part of a name ("Love You", "I Hope"). */
const NOT_NAMES = new Set([
  'you', 'your', 'my', 'me', 'we', 'our', 'us', 'he', 'she', 'it', 'they', 'them', 'his', 'her',
  'is', 'are', 'am', 'was', 'be', 'so', 'all', 'and', 'or', 'the', 'of', 'to', 'for', 'in', 'on', 'with',
  'this', 'that', 'have', 'has', 'a', 'an', 'im', 'its', 'just', 'very', 'much', 'day', 'everyone',
  // Greetings are capitalised by convention ("Happy Birthday", "Merry Christmas").
  'happy', 'merry',
]);

const TITLE = /^[A-Z][a-z]+(?:['’][a-z]+)?$/;

/** Capitalisation of a written word, computed once per word. */
export const Caps = {
  /** Digits, capitals only, other scripts: says nothing. */
  Other: 0,
  /** Capitalised: may be part of a name. */
  Name: 1,
  /** Capitalised, but never part of a name. */
  NotName: 2,
  /** A Latin or Cyrillic word starting in lower case. */
  Lower: 3,
} as const;
export type Caps = (typeof Caps)[keyof typeof Caps];

export function capsOf(text: string, norm: string): Caps {
  const c = text.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 0x430 && c <= 0x44f) || c === 0x451) return Caps.Lower;
  if (!TITLE.test(text)) return Caps.Other;
  return NOT_NAMES.has(norm.replace(/['’]/g, '')) ? Caps.NotName : Caps.Name;
}

export class NameRun {
  /** Some state is set (a sentence start, a capitalised word just before): plain words and marks must clear it. */
  busy = true;
  /** A word in lower case was seen: capitals in this text mean something. */
  lowerSeen = false;
  /** The next word starts a sentence. */
  private atStart = true;
  /** The word just before (with no mark between) was a capitalised non-initial word. */
  private prevTitle = false;
  /** Stream index of a capitalised scored word still waiting for its next word, or -1. */
  private pending = -1;
  private pendingKey = '';
  /** Scored words found inside names: stream index and key, dropped at the end of the text. */
  private at: number[] = [];
  private keys: string[] = [];
  /** Where this sentence's drops begin in `at`, and whether it has a lower-case word. */
  private sentenceFrom = 0;
  private lowerInSentence = false;

  reset(): void {
    this.busy = true;
    this.lowerSeen = false;
    this.atStart = true;
    this.prevTitle = false;
    this.pending = -1;
    this.sentenceFrom = 0;
    this.lowerInSentence = false;
    if (this.at.length > 0) this.at.length = this.keys.length = 0;
  }

  /** Any mark between words breaks a run; a sentence end starts a new sentence. */
  mark(sentenceEnd: boolean): void {
    if (sentenceEnd) {
      this.atStart = true;
      this.closeSentence();
    }
    this.busy = this.atStart;
    this.prevTitle = false;
    this.pending = -1;
  }

  /** A word not capitalised: no run goes on across it. */
  plain(): void {
    this.busy = false;
    this.atStart = false;
    this.prevTitle = false;
    this.pending = -1;
  }

  /**
   * Called after a capitalised word was pushed (Caps.Name or Caps.NotName);
   * `scored` when its one part is a scored key, now last in the stream as `key`.
   */
  word(out: Stream, caps: Caps, scored: boolean, key: string): void {
    const name = caps === Caps.Name && !this.atStart;
    if (this.pending >= 0 && name) this.drop(this.pending, this.pendingKey);
    this.pending = -1;
    if (name && scored) {
      if (this.prevTitle) this.drop(out.n - 1, key);
      else {
        this.pending = out.n - 1;
        this.pendingKey = key;
      }
    }
    this.prevTitle = name;
    this.atStart = false;
    this.busy = name;
  }

  private drop(at: number, key: string): void {
    this.at.push(at);
    this.keys.push(key);
  }

  /**
   * A sentence with no lower-case word is Title Case throughout (a review
   * title: "Very Poor Quality. …"): its capitals name nothing, so the words
   * it dropped count again.
   */
  private closeSentence(): void {
    if (!this.lowerInSentence && this.at.length > this.sentenceFrom) this.at.length = this.keys.length = this.sentenceFrom;
    this.sentenceFrom = this.at.length;
    this.lowerInSentence = false;
  }

  /** A word in lower case. */
  lower(): void {
    this.lowerSeen = true;
    this.lowerInSentence = true;
    if (this.busy) this.plain();
  }

  /** Before scoring: words inside names stay as plain words, unless every word was capitalised. */
  finish(out: Stream): void {
    this.closeSentence();
    if (this.at.length === 0 || !this.lowerSeen) return;
    for (let k = 0; k < this.at.length; k++) {
      const at = this.at[k] as number;
      const key = this.keys[k] as string;
      if (at < out.n && out.keys[at] === key && out.skeys[at] === key) out.skeys[at] = FILLER;
    }
  }
}
