/**
 * Threshold search on the training part: for each language, the neutral band
 * that maximises the mean macro-F1 over the files of that language.
 */
import type { Gold } from './datasets.ts';
import { score } from './metrics.ts';

export interface Scored {
  file: string;
  lang: 'ru' | 'en';
  score: number;
  gold: Gold;
  twoClass: boolean;
}

export interface Tuned {
  negative: number;
  positive: number;
  meanMacroF1: number;
}

function predict(s: number, neg: number, pos: number, twoClass: boolean): Gold {
  if (twoClass) return s <= neg ? 'negative' : s >= pos ? 'positive' : s < 0 ? 'negative' : 'positive';
  return s <= neg ? 'negative' : s >= pos ? 'positive' : 'neutral';
}

export function tuneThresholds(pool: Scored[]): Partial<Record<'ru' | 'en', Tuned>> {
  const out: Partial<Record<'ru' | 'en', Tuned>> = {};
  for (const lang of ['ru', 'en'] as const) {
    const rows = pool.filter((r) => r.lang === lang);
    const files = [...new Set(rows.map((r) => r.file))];
    if (files.length === 0) continue;
    let best: Tuned = { negative: 0, positive: 0, meanMacroF1: -1 };
    for (let n = 0.02; n <= 0.8; n += 0.02) {
      for (let p = 0.02; p <= 0.8; p += 0.02) {
        let sum = 0;
        for (const f of files) {
          const fr = rows.filter((r) => r.file === f);
          sum += score(fr.map((r) => r.gold), fr.map((r) => predict(r.score, -n, p, r.twoClass))).macroF1;
        }
        const mean = sum / files.length;
        if (mean > best.meanMacroF1) best = { negative: -n, positive: p, meanMacroF1: mean };
      }
    }
    out[lang] = best;
  }
  return out;
}
