/**
 * Light English normalisation: the forms a lexicon word may take in text.
 * AFINN lists many inflections itself, so this only needs to reach the base
 * form ("refunded" -> "refund", "crashes" -> "crash", "waiting" -> "wait").
 */
export function englishCandidates(word: string): string[] {
  const out: string[] = [];
  const n = word.length;
  if (n < 4) return out;
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) out.push(word.slice(0, -1));
  if (word.endsWith('ed')) {
    const base = word.slice(0, -2);
    out.push(base, `${base}e`);
    if (base.length > 2 && base[base.length - 1] === base[base.length - 2]) out.push(base.slice(0, -1));
    if (word.endsWith('ied')) out.push(`${word.slice(0, -3)}y`);
  }
  if (word.endsWith('ing') && n > 5) {
    const base = word.slice(0, -3);
    out.push(base, `${base}e`);
    if (base[base.length - 1] === base[base.length - 2]) out.push(base.slice(0, -1));
  }
  if (word.endsWith('ily')) out.push(`${word.slice(0, -3)}y`);
  else if (word.endsWith('ly')) out.push(word.slice(0, -2));
  if (word.endsWith('ness')) out.push(word.slice(0, -4));
  return out;
}

/** "soooo" -> "soo" and "so": elongated words are tried with doubled and single letters. */
export function collapseElongation(word: string): string[] {
  const two = word.replace(/(.)\1{2,}/gu, '$1$1');
  const one = word.replace(/(.)\1+/gu, '$1');
  return two === one ? [two] : [two, one];
}
