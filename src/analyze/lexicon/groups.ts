/** A lexicon is written as weight groups of space-separated words: readable and diffable. */
export type WeightGroups = ReadonlyArray<readonly [number, string]>;

/** Flatten weight groups into [word, weight] pairs; a later group overrides an earlier one. */
export function flattenGroups(groups: WeightGroups): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const [weight, words] of groups) {
    for (const w of words.split(/\s+/)) if (w) out.push([w, weight]);
  }
  return out;
}

/** Words of a space-separated list as a set. */
export function wordSet(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}
