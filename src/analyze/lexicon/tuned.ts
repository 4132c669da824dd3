import type { WeightGroups } from './groups.ts';

/** Filled by tuning on the training part of the dev sets (see bench/eval-sentiment.ts). */
export const TUNED: WeightGroups = [];
