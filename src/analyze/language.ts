import type { Lang } from './types.ts';
import { scan, type ScriptCounts } from './tokenize.ts';

/**
 * Offline language guess for ru / en / other. It leans hard towards ru and en:
 * the product reads those two, so a short tweet of mentions, slang or emoji
 * must never be lost as "other". A text is "other" only on clear evidence:
 * a foreign script, Ukrainian-only letters, or several function words and
 * diacritics of another Latin-script language with little English beside them.
 */

const EN_WORDS = new Set(
  `the an and or is are was were be been am i im i'm you your my me we our they their he she it its this that
  to of in on at for with from by not no yes so just but if what how why who when all can do does did dont don't
  have has had will would should could get got like love lol omg u ur thanks thank please good bad very really
  too more out up about than then there here now new one day time people know think want need see go going`
    .split(/\s+/),
);

// Function words of Latin-script languages other than English; words shared with English are left out.
const FOREIGN_WORDS: Record<string, string> = {
  de: 'der die das und ist nicht ich sie es ein eine einen mit auf für den dem zu von sehr auch aber wir war ja noch wie mir mich sind haben hat kein keine gut schlecht danke bitte hallo nur oder wenn weil schon immer',
  fr: 'le la les et est un une des je tu il elle pas pour dans que qui avec sur ce du au aux par ou leur aussi très mais nous vous ne sont être avoir merci bonjour mon ma mes cette tout bien comme',
  es: 'el los las y es de que en un una por para con muy pero lo se su está yo gracias hola mi tu como más todo bien esta este del al malo bueno gusta nada',
  it: 'il di che è non per una sono ma con molto questo questa grazie ciao della sono anche come più perché la lo gli del dei delle nel nella alla sempre tutto tutti',
  pt: 'os não um uma é com para muito mas eu você isso obrigado obrigada olá mais como está são',
  nl: 'het een en niet ik je van dat met op zijn maar heel ook ook wat er dank',
  pl: 'nie jest się że na w z do jak co ale dla tak już bardzo dziękuję',
  tr: 've bir bu da için ile çok ama ne değil teşekkürler merhaba',
  id: 'yang dan ini itu tidak saya aku di ke dari untuk dengan ada juga sudah terima kasih',
};
const FOREIGN_LANGS = Object.keys(FOREIGN_WORDS);
/** Word -> bit mask of the foreign languages it is a function word of (bit k: FOREIGN_LANGS[k]). */
const FOREIGN = new Map<string, number>();
FOREIGN_LANGS.forEach((lang, k) => {
  for (const w of (FOREIGN_WORDS[lang] as string).split(/\s+/)) if (w && !EN_WORDS.has(w)) FOREIGN.set(w, (FOREIGN.get(w) ?? 0) | (1 << k));
});

/**
 * A word's vote as one number: bit 0 an English function word, bits 1.. the
 * foreign languages it belongs to. A pure function of the lowercase word, so
 * the engine memoises it with the word.
 */
export function wordVote(w: string): number {
  return (EN_WORDS.has(w) ? 1 : 0) | ((FOREIGN.get(w) ?? 0) << 1);
}

/** Tally of word votes over one text; reusable (reset between texts). */
export class VoteTally {
  en = 0;
  /** Words seen, voting or not. */
  words = 0;
  readonly foreign = new Array<number>(FOREIGN_LANGS.length).fill(0);
  reset(): void {
    this.en = 0;
    this.words = 0;
    this.foreign.fill(0);
  }
  add(vote: number): void {
    this.words++;
    if (vote === 0) return;
    if (vote & 1) this.en++;
    for (let k = 0, v = vote >> 1; v !== 0; k++, v >>= 1) if (v & 1) this.foreign[k] = (this.foreign[k] as number) + 1;
  }
  best(): number {
    let best = 0;
    for (const v of this.foreign) if (v > best) best = v;
    return best;
  }
}

/** Decide from letter counts and, for Latin script when it matters, the votes of the words. */
export function languageOfVotes(counts: ScriptCounts, votes: () => VoteTally): Lang {
  const letters = counts.cyrillic + counts.latin + counts.other;
  if (letters === 0) return 'en';
  if (counts.other > counts.cyrillic + counts.latin) return 'other';
  const cyr = counts.cyrillic;
  if (cyr > 0 && cyr >= counts.latin * 0.5) {
    const nonRu = counts.nonRussianCyrillic;
    if (nonRu >= 2 && nonRu > counts.russianOnly * 3 && nonRu / cyr > 0.03) return 'other';
    return 'ru';
  }
  // Latin script: English unless another language's function words and diacritics clearly dominate.
  if (counts.diacritics === 0 && counts.latin < 12) return 'en';
  const tally = votes();
  const best = tally.best();
  const d = counts.diacritics;
  // A sentence of several words without one English function word but with foreign ones is
  // not English ("Corso interessante, argomenti molto attuali, ottima la lezione di casi pratici").
  if (tally.en === 0 && best >= 2 && tally.words >= 5) return 'other';
  // Without diacritics only function words count: too few of them settle it.
  if (d === 0 && best < 3) return 'en';
  const evidence = best + Math.min(d, 3) + (d / Math.max(counts.latin, 1) > 0.04 ? 1 : 0);
  return evidence >= 3 && evidence > 1.5 * tally.en + 1 ? 'other' : 'en';
}

/**
 * Decide from letter counts and, for Latin script, the lowercase words
 * (the engine scans and normalises each text once and reuses both here).
 */
export function languageOf(counts: ScriptCounts, words: () => Iterable<string>): Lang {
  return languageOfVotes(counts, () => {
    const tally = new VoteTally();
    for (const w of words()) tally.add(wordVote(w));
    return tally;
  });
}

/** Guess the language; texts with no letters count as English so their emoji still score. */
export function detectLanguage(text: string): Lang {
  const { tokens, counts } = scan(text);
  return languageOf(counts, () => tokens.filter((t) => t.kind === 'word').map((t) => t.text.toLowerCase()));
}
