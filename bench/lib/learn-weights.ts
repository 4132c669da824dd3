/**
 * Learn word weights from the TRAINING part (80%, split.ts) of labelled dev
 * sets and write src/analyze/lexicon/tuned.ts. The held-out 20% is never read.
 *
 *   node --import tsx bench/lib/learn-weights.ts [--ru FILE]... [--en FILE]... [--write]
 *
 * Per lexicon key (Russian stem / English word, as the engine resolves it):
 * the share of positive and negative texts it occurs in, smoothed toward the
 * class priors with `m` pseudo-texts (strong shrinkage for small sets), as
 * weight = SCALE * ((P(pos|key) - prior_pos) - (P(neg|key) - prior_neg)).
 * Only frequent words that the hand lexicons do not cover are kept; proper
 * names (mostly written capitalised), topic keywords (tags.ts), function
 * words and negated-neutral verbs are left out so the table generalises
 * beyond the topics of the dev sets. Given several files of a language, only
 * keys the files agree on are kept (agree() below).
 */
import { writeFileSync } from 'node:fs';
import { buildEngineLexicon } from '../../src/analyze/engine.ts';
import { resolveWord } from '../../src/analyze/resolve.ts';
import { tokenize } from '../../src/analyze/tokenize.ts';
import { readDataset, type Gold } from './datasets.ts';
import { fnv1a, inPart } from './split.ts';

/**
 * Cross-validation inside the training part: with CV_FOLD=k (0-3) the
 * weights are learned without fold k, so fold k can measure them
 * (bench/lib/cv.ts) and the held-out 20% stays untouched.
 */
export const cvFold = (id: string): number => fnv1a(`cv:${id}`) % 4;
const CV = process.env.CV_FOLD === undefined ? -1 : Number(process.env.CV_FOLD);

interface Settings {
  /** Minimum number of training texts a key occurs in. */
  minCount: number;
  /** Pseudo-texts of shrinkage toward the priors. */
  m: number;
  scale: number;
  /** Smallest |weight| worth a table entry. */
  minWeight: number;
  maxKeys: number;
  /** Pseudo-texts behind a hand weight: how much data it takes to move it. */
  handPrior: number;
}

const SETTINGS: Record<'ru' | 'en', Settings> = {
  ru: { minCount: Number(process.env.RU_MIN ?? 12), m: Number(process.env.RU_M ?? 12), scale: Number(process.env.RU_SCALE ?? 5), minWeight: Number(process.env.RU_MINW ?? 0.75), maxKeys: 2500, handPrior: Number(process.env.RU_HP ?? 40) },
  en: { minCount: Number(process.env.EN_MIN ?? 10), m: Number(process.env.EN_M ?? 30), scale: Number(process.env.EN_SCALE ?? 4), minWeight: Number(process.env.EN_MINW ?? 1), maxKeys: 400, handPrior: Number(process.env.EN_HP ?? 80) },
};

interface Stat {
  hand: number;
  n: number;
  neg: number;
  pos: number;
  caps: number;
}

const lex = buildEngineLexicon({ tuned: false });
const tagKeys = new Set(lex.tags.keys());

/** Function words: frequent everywhere, so their counts say more about the dev sets' topics than about sentiment. */
const STOP = `я ты он она оно мы вы они меня тебя его её ее нас вас их мне тебе ему ей нам вам им мной тобой ним ней них
  кто что какой какая какое какие который которая которые тот та те этот эта это эти то так там тут здесь где куда
  когда как почему зачем если или либо и а но да же ли бы уже еще ещё вот вон ну раз два три один одна одно под над
  из-за из с со в во на за от до по о об про для без к ко у при через между перед после свой своя свои своих весь вся
  все всё всех сам сама само себя себе даже лишь только тоже также ведь просто прям какой-то кто-то что-то чем чего
  кого кому мой моя мои моё твой твоя твои наш наша наши ваш ваша ваши был была было были быть есть будет будут буду
  может можно надо нужно хочу хочет хотят могу могут мог могла сейчас щас теперь тогда потом сегодня завтра вчера
  the a an and or but if of to in on at by for with from as is are was were be been being am do does did have has had
  i you he she it we they me him her us them my your his its our their this that these those there here what which
  who whom whose when where why how all any some each every no not so too very just also only than then now still
  out up down off over under again once about into through during before after above below can will would should
  could may might must shall get got gets going go goes one two three`
  .split(/\s+/)
  .filter(Boolean);
const stopKeys = new Set(STOP.flatMap((w) => resolveWord(lex, w).parts.map((p) => p.key)));

function keysOf(text: string): Map<string, boolean> {
  // key -> written capitalised (and not sentence-initial) at least once in this text
  const out = new Map<string, boolean>();
  let prevBoundary = true;
  for (const t of tokenize(text)) {
    if (t.kind !== 'word') {
      prevBoundary = t.kind === 'sentence' || t.kind === 'exclaim';
      continue;
    }
    const first = t.text[0] ?? '';
    const capital = !prevBoundary && first !== first.toLowerCase() && t.text !== t.text.toUpperCase();
    prevBoundary = false;
    for (const p of resolveWord(lex, t.text).parts) {
      out.set(p.key, (out.get(p.key) ?? false) || capital);
    }
  }
  return out;
}

/** Weight the hand lexicons give a key (0 if none), or null when the key is not ours to learn. */
function handWeight(key: string, lang: 'ru' | 'en'): number | null {
  if (/\d/.test(key) || key.includes('+') || key.charCodeAt(0) === 60) return null;
  if (lex.markers.has(key) || lex.negatedNeutral.has(key)) return null;
  const cyrillic = /[а-яё]/.test(key);
  if (cyrillic !== (lang === 'ru')) return null;
  if (Object.hasOwn(lex.labels, key)) return lex.labels[key] as number;
  if (key.length < 3 || tagKeys.has(key) || stopKeys.has(key)) return null;
  return 0;
}

/** One file's learned weight per key, with how many training texts carried it. */
type FileWeights = Map<string, { w: number; n: number; hand: number }>;

function learnFile(file: string, lang: 'ru' | 'en'): FileWeights {
  const s = SETTINGS[lang];
  const examples = readDataset(file).filter((e) => inPart(e.id, 'train') && cvFold(e.id) !== CV);
  const total: Record<Gold, number> = { negative: 0, neutral: 0, positive: 0 };
  const stats = new Map<string, Stat>();
  for (const e of examples) {
    total[e.label]++;
    for (const [key, capital] of keysOf(e.text)) {
      const hand = handWeight(key, lang);
      if (hand === null) continue;
      const st = stats.get(key) ?? { hand, n: 0, neg: 0, pos: 0, caps: 0 };
      st.n++;
      if (e.label === 'negative') st.neg++;
      if (e.label === 'positive') st.pos++;
      if (capital) st.caps++;
      stats.set(key, st);
    }
  }
  const N = examples.length;
  const priorNeg = total.negative / N;
  const priorPos = total.positive / N;
  const out: FileWeights = new Map();
  for (const [key, st] of stats) {
    if (st.n < s.minCount) continue;
    const data = s.scale * (st.pos / st.n - priorPos - (st.neg / st.n - priorNeg));
    if (st.hand === 0) {
      // A new word: shrunk toward 0 with m pseudo-texts; proper names stay out.
      if (st.caps / st.n > 0.3) continue;
      const w = Math.round(((st.n * data) / (st.n + s.m)) * 2) / 2;
      if (Math.abs(w) >= s.minWeight) out.set(key, { w, n: st.n, hand: 0 });
    } else {
      // A hand word: the data moves it only as far as its count outweighs the hand's prior.
      const w = Math.round(((st.n * data + s.handPrior * st.hand) / (st.n + s.handPrior)) * 2) / 2;
      if (Math.abs(w - st.hand) >= 1) out.set(key, { w, n: st.n, hand: st.hand });
    }
  }
  return out;
}

/**
 * Several files of one language: a key is kept only when at least two files
 * learned it and all that did agree on the direction (a new word's sign, a hand
 * word's move), with the most cautious of their weights. A word that is
 * negative in one source only ("flight" among airline complaints) is that
 * source's topic, not sentiment.
 */
function agree(perFile: FileWeights[]): Array<[string, number, number]> {
  const keys = new Set(perFile.flatMap((f) => [...f.keys()]));
  const rows: Array<[string, number, number]> = [];
  for (const key of keys) {
    const votes = perFile.flatMap((f) => f.get(key) ?? []);
    if (perFile.length > 1 && votes.length < 2) continue;
    const hand = votes[0]?.hand ?? 0;
    const moves = votes.map((v) => v.w - hand);
    if (!moves.every((m) => Math.sign(m) === Math.sign(moves[0] ?? 0))) continue;
    const cautious = moves.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
    const n = votes.reduce((sum, v) => sum + v.n, 0);
    rows.push([key, hand + cautious, hand === 0 ? n * Math.abs(cautious) : 1e9]);
  }
  return rows;
}

function learn(files: string[], lang: 'ru' | 'en'): Array<[string, number]> {
  const rows = agree(files.map((f) => learnFile(f, lang)));
  rows.sort((a, b) => b[2] - a[2]);
  return rows.slice(0, SETTINGS[lang].maxKeys).map(([k, w]) => [k, w]);
}

function main(): void {
  const args = process.argv.slice(2);
  const write = args.includes('--write');
  const files: Record<'ru' | 'en', string[]> = { ru: [], en: [] };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const file = args[i + 1];
    if ((flag === '--ru' || flag === '--en') && file !== undefined) {
      files[flag === '--ru' ? 'ru' : 'en'].push(file);
      i++;
    }
  }
  const table: Array<[string, number]> = [];
  if (files.ru.length > 0) table.push(...learn(files.ru, 'ru'));
  if (files.en.length > 0) table.push(...learn(files.en, 'en'));
  table.sort((a, b) => a[0].localeCompare(b[0]));
  const neg = table.filter(([, w]) => w < 0).length;
  console.log(`${table.length} keys (${neg} negative, ${table.length - neg} positive)`);
  console.log(table.slice(0, 400).map(([k, w]) => `${k}:${w}`).join(' '));
  if (!write) return;
  const body = table.map(([k, w]) => `  ${JSON.stringify(k)}: ${w},`).join('\n');
  const out = `/**
 * Generated by bench/lib/learn-weights.ts from the training part (80%) of the
 * dev sets: lexicon keys (Russian stems, English words) -> weight. Do not edit;
 * regenerate. Hand lexicons win over these (lexicon/index.ts).
 */
export const TUNED: Readonly<Record<string, number>> = {
${body}
};
`;
  writeFileSync(new URL('../../src/analyze/lexicon/tuned.ts', import.meta.url), out);
  console.log('wrote src/analyze/lexicon/tuned.ts');
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file://').href) main();
