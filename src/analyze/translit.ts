/**
 * Latin transliteration of Russian ("uzhasno", "spasibo", "otstoy") back to
 * Cyrillic, so it reaches the Russian lexicon. Only used for Latin words the
 * English lexicon does not know.
 */
const MULTI: Array<[string, string]> = [
  ['shch', 'щ'], ['sch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ch', 'ч'], ['sh', 'ш'], ['ts', 'ц'],
  ['yu', 'ю'], ['ya', 'я'], ['yo', 'ё'], ['ye', 'е'], ['iy', 'ий'], ['yy', 'ый'], ['oy', 'ой'],
  ['ey', 'ей'], ['ay', 'ай'], ['ja', 'я'], ['ju', 'ю'],
];
const SINGLE: Record<string, string> = {
  a: 'а', b: 'б', v: 'в', g: 'г', d: 'д', e: 'е', z: 'з', i: 'и', j: 'й', k: 'к', l: 'л', m: 'м',
  n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', f: 'ф', h: 'х', c: 'ц', y: 'ы', w: 'в',
  x: 'кс', q: 'к', "'": 'ь',
};

/** Cyrillic rendering of a lowercase Latin word, or null when it has other characters. */
export function latinToCyrillic(word: string): string | null {
  let out = '';
  let i = 0;
  outer: while (i < word.length) {
    for (const [lat, cyr] of MULTI) {
      if (word.startsWith(lat, i)) {
        out += cyr;
        i += lat.length;
        continue outer;
      }
    }
    const single = SINGLE[word[i] as string];
    if (single === undefined) return null;
    out += single;
    i++;
  }
  return out;
}
