/**
 * Russian stemmer after the Snowball "russian" algorithm (Porter), written
 * for this project. One stem stands for all inflected forms, so the lexicon
 * needs one entry for "ужасный / ужасно / ужасная / ужасные".
 */

const VOWELS = new Set(['а', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я']);

// Endings grouped as in the algorithm; longest first so the first hit is the longest match.
const byLength = (list: string[]): string[] => [...list].sort((a, b) => b.length - a.length);

const PERFECTIVE_GERUND_1 = byLength(['в', 'вши', 'вшись']);
const PERFECTIVE_GERUND_2 = byLength(['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись']);
const ADJECTIVE = byLength([
  'ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом',
  'его', 'ого', 'ему', 'ому', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею',
]);
const PARTICIPLE_1 = byLength(['ем', 'нн', 'вш', 'ющ', 'щ']);
const PARTICIPLE_2 = byLength(['ивш', 'ывш', 'ующ']);
const REFLEXIVE = byLength(['ся', 'сь']);
const VERB_1 = byLength([
  'ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь', 'нно',
]);
const VERB_2 = byLength([
  'ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен',
  'ило', 'ыло', 'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю',
]);
const NOUN = byLength([
  'а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и', 'ией', 'ей', 'ой', 'ий', 'й',
  'иям', 'ям', 'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях', 'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я',
]);
const SUPERLATIVE = byLength(['ейш', 'ейше']);
const DERIVATIONAL = byLength(['ост', 'ость']);

/** Longest ending of `list` that lies inside the region starting at `start`. */
function findEnding(word: string, start: number, list: string[]): string | null {
  for (const e of list) {
    if (word.length - e.length >= start && word.endsWith(e)) return e;
  }
  return null;
}

/** Group-1 endings count only after "а" or "я", which stays in the stem. */
function findPrecededEnding(word: string, start: number, list: string[]): string | null {
  for (const e of list) {
    const at = word.length - e.length;
    if (at >= start && at > 0 && word.endsWith(e)) {
      const prev = word[at - 1];
      if ((prev === 'а' || prev === 'я') && at - 1 >= start) return e;
    }
  }
  return null;
}

function regionAfterVowelConsonant(word: string, from: number): number {
  for (let i = from + 1; i < word.length; i++) {
    if (!VOWELS.has(word[i] as string) && VOWELS.has(word[i - 1] as string)) return i + 1;
  }
  return word.length;
}

function cut(word: string, ending: string | null): string {
  return ending ? word.slice(0, word.length - ending.length) : word;
}

function removeAdjectival(word: string, rv: number): string | null {
  const adj = findEnding(word, rv, ADJECTIVE);
  if (!adj) return null;
  const rest = cut(word, adj);
  const part = findPrecededEnding(rest, rv, PARTICIPLE_1) ?? findEnding(rest, rv, PARTICIPLE_2);
  return cut(rest, part);
}

/** Stem one lowercase Russian word ("ё" may be present). */
export function stemRu(input: string): string {
  const word = input.replace(/ё/g, 'е');
  let rv = word.length;
  for (let i = 0; i < word.length; i++) {
    if (VOWELS.has(word[i] as string)) {
      rv = i + 1;
      break;
    }
  }
  if (rv >= word.length) return word;
  const r1 = regionAfterVowelConsonant(word, 0);
  const r2 = regionAfterVowelConsonant(word, r1);

  // Step 1
  let w = word;
  const gerund = findPrecededEnding(w, rv, PERFECTIVE_GERUND_1) ?? findEnding(w, rv, PERFECTIVE_GERUND_2);
  if (gerund) {
    w = cut(w, gerund);
  } else {
    w = cut(w, findEnding(w, rv, REFLEXIVE));
    const adjectival = removeAdjectival(w, rv);
    if (adjectival !== null) {
      w = adjectival;
    } else {
      const verb = findPrecededEnding(w, rv, VERB_1) ?? findEnding(w, rv, VERB_2);
      if (verb) w = cut(w, verb);
      else w = cut(w, findEnding(w, rv, NOUN));
    }
  }
  // Step 2
  if (w.length - 1 >= rv && w.endsWith('и')) w = w.slice(0, -1);
  // Step 3
  const deriv = findEnding(w, Math.max(r2, rv), DERIVATIONAL);
  if (deriv) w = cut(w, deriv);
  // Step 4
  if (w.length - 2 >= rv && w.endsWith('нн')) {
    w = w.slice(0, -1);
  } else {
    const sup = findEnding(w, rv, SUPERLATIVE);
    if (sup) {
      w = cut(w, sup);
      if (w.length - 2 >= rv && w.endsWith('нн')) w = w.slice(0, -1);
    } else if (w.length - 1 >= rv && w.endsWith('ь')) {
      w = w.slice(0, -1);
    }
  }
  return w;
}
