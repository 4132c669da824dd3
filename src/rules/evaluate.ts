import type { Analysis } from '../analyze/types.ts';
import { ratingTextMismatch } from '../analyze/index.ts';
import type { Condition, Rule } from './schema.ts';

/** What a rule can look at: the stored mention and its analysis. */
export interface RuleInput {
  source: string;
  targetId: string;
  rating: number | null;
  title: string | null;
  text: string;
  analysis: Analysis;
}

/** Returns why the condition held (for "why flagged"), or null when it did not. */
type Matcher = (input: RuleInput) => string[] | null;

export interface CompiledRule {
  rule: Rule;
  file: string;
  matches: Matcher;
}

export interface RuleMatch {
  rule: Rule;
  reasons: string[];
}

type Compare = { lt?: number; lte?: number; gt?: number; gte?: number; eq?: number };

function compareHolds(value: number, c: Compare): boolean {
  return (
    (c.lt === undefined || value < c.lt) &&
    (c.lte === undefined || value <= c.lte) &&
    (c.gt === undefined || value > c.gt) &&
    (c.gte === undefined || value >= c.gte) &&
    (c.eq === undefined || value === c.eq)
  );
}

function describe(c: Compare): string {
  return Object.entries(c)
    .map(([op, v]) => `${{ lt: '<', lte: '≤', gt: '>', gte: '≥', eq: '=' }[op] ?? op}${v}`)
    .join(' ');
}

function allOf(parts: Matcher[]): Matcher {
  return (input) => {
    const reasons: string[] = [];
    for (const part of parts) {
      const r = part(input);
      if (!r) return null;
      reasons.push(...r);
    }
    return reasons;
  };
}

function inList(list: string[], value: string | null | undefined, what: string): Matcher {
  const wanted = new Set(list.map((v) => v.toLowerCase()));
  return () => (value !== null && value !== undefined && wanted.has(value.toLowerCase()) ? [`${what} ${value}`] : null);
}

export function compileCondition(c: Condition): Matcher {
  const parts: Matcher[] = [];
  if (c.rating) {
    const { missing, ...cmp } = c.rating;
    parts.push(({ rating }) => {
      if (rating === null) return missing ? ['no rating'] : null;
      if (missing) return null;
      return compareHolds(rating, cmp) ? [`rating ${rating} ${describe(cmp)}`] : null;
    });
  }
  if (c.sentiment) {
    const { label, score } = c.sentiment;
    parts.push(({ analysis }) => {
      if (label && !label.includes(analysis.label)) return null;
      if (score && (analysis.score === null || !compareHolds(analysis.score, score))) return null;
      const why = analysis.reasons.slice(0, 5).join(', ');
      return [`sentiment ${analysis.label} (${analysis.score?.toFixed(2) ?? 'n/a'}${why ? `: ${why}` : ''})`];
    });
  }
  if (c.text?.keywords) {
    const keywords = c.text.keywords.map((k) => k.toLocaleLowerCase());
    parts.push(({ title, text }) => {
      const haystack = `${title ?? ''}\n${text}`.toLocaleLowerCase();
      const hit = keywords.find((k) => haystack.includes(k));
      return hit ? [`keyword "${hit}"`] : null;
    });
  }
  if (c.text?.regex) {
    const re = new RegExp(c.text.regex, 'iu');
    parts.push(({ title, text }) => {
      const m = re.exec(`${title ?? ''}\n${text}`);
      return m ? [`text matches /${c.text?.regex}/ ("${m[0].slice(0, 40)}")`] : null;
    });
  }
  if (c.source) parts.push((i) => inList(c.source ?? [], i.source, 'source')(i));
  if (c.target) parts.push((i) => inList(c.target ?? [], i.targetId, 'target')(i));
  if (c.lang) parts.push((i) => inList(c.lang ?? [], i.analysis.lang, 'language')(i));
  if (c.tags) {
    const wanted = c.tags;
    parts.push(({ analysis }) => {
      const hit = analysis.tags.filter((t) => wanted.includes(t));
      return hit.length > 0 ? [`tags ${hit.join(', ')}`] : null;
    });
  }
  if (c.rating_text_mismatch) {
    const kind = c.rating_text_mismatch;
    parts.push(({ rating, analysis }) => {
      const found = ratingTextMismatch(rating, analysis);
      return found && (kind === 'any' || kind === found) ? [`rating ${rating} vs ${analysis.label} text (${found})`] : null;
    });
  }
  if (c.all) parts.push(allOf(c.all.map(compileCondition)));
  if (c.any) {
    const options = c.any.map(compileCondition);
    parts.push((input) => {
      for (const option of options) {
        const r = option(input);
        if (r) return r;
      }
      return null;
    });
  }
  if (c.not) {
    const inner = compileCondition(c.not);
    parts.push((input) => (inner(input) ? null : []));
  }
  return allOf(parts);
}

export function compileRule(rule: Rule, file: string): CompiledRule {
  return { rule, file, matches: compileCondition(rule.when) };
}

/** Pure: which enabled rules hold for this mention, with the reasons of each. */
export function evaluateRules(rules: readonly CompiledRule[], input: RuleInput): RuleMatch[] {
  const out: RuleMatch[] = [];
  for (const compiled of rules) {
    if (!compiled.rule.enabled) continue;
    const reasons = compiled.matches(input);
    if (reasons) out.push({ rule: compiled.rule, reasons });
  }
  return out;
}
