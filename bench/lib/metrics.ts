import type { Gold } from './datasets.ts';

export interface ClassScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Report {
  n: number;
  classes: Gold[];
  perClass: Partial<Record<Gold, ClassScore>>;
  /** Mean F1 over the classes present in the gold labels. */
  macroF1: number;
  accuracy: number;
}

const ALL: Gold[] = ['negative', 'neutral', 'positive'];

/** Precision, recall and F1 per gold class, and macro-F1 over the classes present. */
export function score(gold: readonly Gold[], predicted: readonly Gold[]): Report {
  const classes = ALL.filter((c) => gold.includes(c));
  const perClass: Partial<Record<Gold, ClassScore>> = {};
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i] === c;
      const p = predicted[i] === c;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[c] = { precision, recall, f1, support: tp + fn };
  }
  const macroF1 = classes.reduce((s, c) => s + (perClass[c]?.f1 ?? 0), 0) / Math.max(classes.length, 1);
  return { n: gold.length, classes, perClass, macroF1, accuracy: gold.length ? correct / gold.length : 0 };
}
