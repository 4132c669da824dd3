/**
 * Brand queries: does a mention name the brand? Case-insensitive word
 * matching that accepts Russian inflected forms of a single word ("Сбер" →
 * "Сбера", "Сбером"; "сбербанк" → "Сбербанка"), Latin/Cyrillic spellings of
 * the same name ("Sber" ↔ "Сбер") and English plural / possessive endings.
 * Pure: no I/O, the same answer for the same input.
 */
import { z } from 'zod';

export const brandQuerySchema = z
  .object({
    /** Every one of these must be mentioned. */
    all: z.array(z.string().min(1)).default([]),
    /** At least one of these (or of `phrases`) must be mentioned. */
    any: z.array(z.string().min(1)).default([]),
    /** None of these may be mentioned. */
    none: z.array(z.string().min(1)).default([]),
    /** Word sequences that must appear together, in order. */
    phrases: z.array(z.string().min(1)).default([]),
    /** Language codes ("ru", "en"); mentions in other known languages are dropped. */
    lang: z.array(z.string().min(2)).default([]),
  })
  .strict()
  .refine((q) => q.all.length + q.any.length + q.phrases.length > 0, { message: 'a brand query needs at least one term in all, any or phrases' });

export type BrandQuery = z.input<typeof brandQuerySchema>;
export type BrandMatcher = (text: string, lang?: string | null) => boolean;

// Case endings of Russian nouns and adjectives (brand names decline like them), longest first.
const RU_ENDINGS = [
  'иями', 'ьями', 'ами', 'ями', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'иях', 'ией', 'иям', 'ием', 'ьям', 'ьях',
  'ах', 'ях', 'ам', 'ям', 'ом', 'ем', 'ой', 'ей', 'ов', 'ев', 'ую', 'юю', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ый', 'ий', 'ым', 'им', 'ых', 'их', 'ью', 'ию', 'ия', 'ии', 'ье', 'ья', 'ьи',
  'а', 'я', 'у', 'ю', 'е', 'и', 'ы', 'о', 'ь', 'й',
];
const RU_ENDING_SET = new Set(RU_ENDINGS);
// "Sber's", "Tinkoffs": English endings on a Latin name.
const EN_ENDINGS = new Set(['s', 'es', "'s", '’s']);

const CYR_TO_LAT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const LAT_MULTI: Array<[string, string]> = [
  ['shch', 'щ'], ['sch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ch', 'ч'], ['sh', 'ш'], ['ts', 'ц'], ['yu', 'ю'], ['ya', 'я'], ['yo', 'ё'], ['ck', 'к'], ['ph', 'ф'],
];
const LAT_SINGLE: Record<string, string> = {
  a: 'а', b: 'б', c: 'к', d: 'д', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'дж', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', q: 'к',
  r: 'р', s: 'с', t: 'т', u: 'у', v: 'в', w: 'в', x: 'кс', y: 'й', z: 'з',
};

const normalize = (s: string): string => s.toLowerCase().replace(/ё/g, 'е');
const isCyrillic = (w: string): boolean => /^[а-я0-9-]+$/.test(w);
const isLatin = (w: string): boolean => /^[a-z0-9'’-]+$/.test(w);

export function cyrToLat(word: string): string {
  return [...word].map((ch) => CYR_TO_LAT[ch] ?? ch).join('');
}

export function latToCyr(word: string): string {
  let out = '';
  let i = 0;
  outer: while (i < word.length) {
    for (const [lat, cyr] of LAT_MULTI) {
      if (word.startsWith(lat, i)) {
        out += cyr;
        i += lat.length;
        continue outer;
      }
    }
    const ch = word[i] as string;
    // "y" after a consonant sounds as "ы"/"и" ("Yandex" keeps "я" through the pair above).
    out += ch === 'y' && i > 0 && !'aeiou'.includes(word[i - 1] as string) ? 'и' : (LAT_SINGLE[ch] ?? ch);
    i++;
  }
  return out;
}

/** Words of a text: letters and digits, apostrophes inside a word kept ("Sber's"). */
export function words(text: string): string[] {
  return normalize(text).match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

/** One word of a term with its spellings, each reduced to the part all its forms share. */
interface WordPattern {
  /** `loose`: a transliterated spelling, compared without soft/hard signs ("Tinkoff" ~ "Тинькофф"). */
  stems: { stem: string; script: 'cyr' | 'lat' | 'other'; loose?: boolean }[];
}

function ruStem(word: string): string {
  // Short names ("МТС", "ВТБ") and indeclinable ones keep their whole form as the stem.
  if (word.length < 4) return word;
  for (const e of RU_ENDINGS) if (word.endsWith(e) && word.length - e.length >= 3 && e.length <= 2) return word.slice(0, -e.length);
  return word;
}

function wordPattern(word: string): WordPattern {
  const w = normalize(word);
  const stems: WordPattern['stems'] = [];
  if (isCyrillic(w)) {
    stems.push({ stem: ruStem(w), script: 'cyr' });
    stems.push({ stem: cyrToLat(w), script: 'lat' });
  } else if (isLatin(w)) {
    stems.push({ stem: w, script: 'lat' });
    stems.push({ stem: ruStem(latToCyr(w)), script: 'cyr', loose: true });
  } else {
    stems.push({ stem: w, script: 'other' });
  }
  return { stems };
}

function wordMatches(p: WordPattern, token: string): boolean {
  for (const { stem, script, loose } of p.stems) {
    const word = loose ? token.replace(/(?<=.)[ьъ](?=.)/g, '') : token;
    if (!word.startsWith(stem)) continue;
    const rest = word.slice(stem.length);
    if (rest === '') return true;
    if (script === 'cyr' && RU_ENDING_SET.has(rest)) return true;
    if (script === 'lat' && (EN_ENDINGS.has(rest) || RU_ENDING_SET.has(rest))) return true;
  }
  return false;
}

/** A term is one word or a sequence of words that must be adjacent. */
function compileTerm(term: string): (tokens: readonly string[]) => boolean {
  const patterns = words(term).map(wordPattern);
  if (patterns.length === 0) return () => false;
  return (tokens) => {
    for (let i = 0; i + patterns.length <= tokens.length; i++) {
      if (patterns.every((p, k) => wordMatches(p, tokens[i + k] as string))) return true;
    }
    return false;
  };
}

const primaryLang = (lang: string): string => lang.toLowerCase().split(/[-_]/)[0] ?? '';

export function compileBrandQuery(query: BrandQuery): BrandMatcher {
  const all = (query.all ?? []).map(compileTerm);
  const any = [...(query.any ?? []), ...(query.phrases ?? [])].map(compileTerm);
  const none = (query.none ?? []).map(compileTerm);
  const langs = new Set((query.lang ?? []).map(primaryLang));
  return (text, lang) => {
    // An unknown language cannot be excluded; the words decide.
    if (langs.size > 0 && lang && !langs.has(primaryLang(lang))) return false;
    const tokens = words(text);
    if (!all.every((t) => t(tokens))) return false;
    if (any.length > 0 && !any.some((t) => t(tokens))) return false;
    return !none.some((t) => t(tokens));
  };
}
