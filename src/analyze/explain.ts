/** Reason strings for a score: the strongest contributions and the rules that shaped them. */
import type { Lexicon } from './lexicon/index.ts';
import { applyRules, MARK, type SentenceContext, type Trace } from './scope.ts';
import type { Stream } from './stream.ts';

const MAX_REASONS = 8;
/** Contributions traced for reasons: the strongest few explain a label. */
const TOP_TRACED = 4;
const LT = 60; // "<": every marker starts with it, no word does

const isEmojiKey = (key: string): boolean => {
  const c = key.charCodeAt(0);
  return c >= 0xd800 || (c >= 0x2000 && c < 0x3000);
};

function addReason(out: string[], r: string): void {
  if (!out.includes(r)) out.push(r);
}

/**
 * Reason strings for the strongest contributions: the strategy recorded
 * where `sentiment` scored and with what weight; only the top few are traced
 * again for the rules that shaped them. `tokens` are `sentiment`'s own.
 */
export function explain(lex: Lexicon, e: Stream, tokens: readonly string[], context: SentenceContext | null): string[] {
  // The strongest TOP_TRACED hits, ordered by |weight| (ties: the later word first, as sentiment lists them).
  const top: number[] = [];
  for (let h = 0; h < e.hits; h++) {
    const w = Math.abs(e.hitWeight[h] as number);
    if (w === 0) continue;
    let at = top.length;
    while (at > 0 && Math.abs(e.hitWeight[top[at - 1] as number] as number) < w) at--;
    if (at >= TOP_TRACED) continue;
    // Insert at `at`, shifting the weaker ones down and the weakest out.
    for (let k = Math.min(top.length, TOP_TRACED - 1); k > at; k--) top[k] = top[k - 1] as number;
    top[at] = h;
  }
  const out: string[] = [];
  for (let t = 0; t < top.length; t++) {
    const h = top[t] as number;
    const i = e.hitAt[h] as number;
    const key = tokens[i] as string;
    const sign = (e.hitWeight[h] as number) < 0 ? '-' : '+';
    if (key === MARK.very) addReason(out, sign + (e.surfaces[i] ?? '').toLowerCase());
    else if (key.charCodeAt(0) === LT) addReason(out, 'emoticon:' + (e.surfaces[i] ?? key));
    else if (isEmojiKey(key)) addReason(out, 'emoji:' + key);
    // The word or phrase as written ("хамили", "won't be back"): a person reads it, not our stem or key.
    else addReason(out, sign + (e.surfaces[i] || key).toLowerCase());
    // Only a weight some rule changed is traced again for the rules' names.
    if (e.hitRuled[h]) {
      const trace: Trace = { rules: [], surfaces: e.surfaces };
      applyRules(lex, tokens, i, lex.labels[key] ?? 0, context, trace);
      for (const r of trace.rules) addReason(out, r);
    }
  }
  return out.length > MAX_REASONS ? out.slice(0, MAX_REASONS) : out;
}
