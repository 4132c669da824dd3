import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analyze/types.ts';
import { compileRule, evaluateRules, type RuleInput } from '../../src/rules/evaluate.ts';
import { loadRules } from '../../src/rules/load.ts';
import { ruleSchema } from '../../src/rules/schema.ts';
import { ConfigError } from '../../src/config/yaml-file.ts';
import { shippedRulesDir } from '../helpers/pipeline.ts';
import { useTempDir, writeFile } from '../helpers/temp.ts';

const tempDir = useTempDir();

const neutral: Analysis = { lang: 'en', score: 0, label: 'neutral', reasons: [], tags: [] };
const input = (over: Partial<RuleInput>): RuleInput => ({ source: 'generic-html', targetId: 't1', rating: null, title: null, text: 'ok', analysis: neutral, ...over });
const rule = (yaml: object) => compileRule(ruleSchema.parse(yaml), 'inline');

describe('shipped rules', () => {
  const rules = loadRules(shippedRulesDir, { channels: new Set(['ops']) });
  const ids = (i: RuleInput) => evaluateRules(rules, i).map((m) => m.rule.id);

  it('open a task for a rating of 2 or less', () => {
    const [match] = evaluateRules(rules, input({ rating: 2 }));
    expect(match?.rule.id).toBe('low-rating');
    expect(match?.rule.then.task?.sla_hours).toBe(24);
    expect(match?.reasons).toEqual(['rating 2 ≤2']);
  });

  it('flag negative text without a rating once, not twice with the rating rule', () => {
    const negative: Analysis = { ...neutral, label: 'negative', score: -0.6 };
    expect(ids(input({ analysis: negative }))).toEqual(['negative-text']);
    expect(ids(input({ rating: 1, analysis: negative }))).toEqual(['low-rating']);
  });

  it('make 4–5 stars with positive text a marketing candidate, without a task', () => {
    const matches = evaluateRules(rules, input({ rating: 5, analysis: { ...neutral, label: 'positive', score: 0.7 } }));
    expect(matches.map((m) => m.rule.id)).toEqual(['marketing-candidate']);
    expect(matches[0]?.rule.then).toMatchObject({ marketing: true, flag: false });
  });

  it('leave a neutral 3-star review alone', () => {
    expect(ids(input({ rating: 3 }))).toEqual([]);
  });
});

describe('rule conditions', () => {
  it('match keywords case-insensitively in Russian and English', () => {
    const r = rule({ id: 'refund', when: { text: { keywords: ['верните деньги', 'refund'] } }, then: { tags: ['refund'] } });
    expect(evaluateRules([r], input({ text: 'ВЕРНИТЕ ДЕНЬГИ немедленно' }))[0]?.reasons).toEqual(['keyword "верните деньги"']);
    expect(evaluateRules([r], input({ text: 'I want a Refund' }))).toHaveLength(1);
    expect(evaluateRules([r], input({ text: 'all good' }))).toHaveLength(0);
  });

  it('match a regex, source, target and language together', () => {
    const r = rule({ id: 'r', when: { text: { regex: 'не\\s+дозвон' }, source: ['generic-html'], target: 't1', lang: 'ru' }, then: { flag: true } });
    const ru: Analysis = { ...neutral, lang: 'ru' };
    expect(evaluateRules([r], input({ text: 'Не дозвониться до поддержки', analysis: ru }))).toHaveLength(1);
    expect(evaluateRules([r], input({ text: 'Не дозвониться до поддержки', analysis: ru, targetId: 't2' }))).toHaveLength(0);
    expect(evaluateRules([r], input({ text: 'Не дозвониться', analysis: neutral }))).toHaveLength(0);
  });

  it('combine any, all and not, and compare sentiment scores', () => {
    const r = rule({ id: 'r', when: { any: [{ rating: { eq: 3 } }, { sentiment: { score: { lte: -0.5 } } }], not: { source: 'vk' } }, then: { flag: true } });
    expect(evaluateRules([r], input({ rating: 3 }))).toHaveLength(1);
    expect(evaluateRules([r], input({ analysis: { ...neutral, score: -0.8, label: 'negative' } }))).toHaveLength(1);
    expect(evaluateRules([r], input({ rating: 3, source: 'vk' }))).toHaveLength(0);
    expect(evaluateRules([r], input({ rating: 4 }))).toHaveLength(0);
  });

  it('treat a missing rating only as `missing`, never as a low one', () => {
    const low = rule({ id: 'low', when: { rating: { lte: 2 } }, then: { flag: true } });
    const missing = rule({ id: 'missing', when: { rating: { missing: true } }, then: { flag: true } });
    expect(evaluateRules([low, missing], input({ rating: null })).map((m) => m.rule.id)).toEqual(['missing']);
  });

  it('skip disabled rules', () => {
    const r = rule({ id: 'off', enabled: false, when: { rating: { lte: 5 } }, then: { flag: true } });
    expect(evaluateRules([r], input({ rating: 1 }))).toHaveLength(0);
  });
});

describe('a broken rule file', () => {
  const load = (yaml: string, channels = ['ops']) => {
    const dir = tempDir();
    writeFile(dir, 'team.yaml', yaml);
    return () => loadRules(dir, { channels: new Set(channels) });
  };
  const problem = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ConfigError) return e;
      throw e;
    }
    throw new Error('expected a ConfigError');
  };

  it('names file, line and field for a wrong type', () => {
    const e = problem(load('rules:\n  - id: low\n    when:\n      rating: { lte: "two" }\n    then: { flag: true }\n'));
    expect(e.message).toMatch(/team\.yaml:4: rules\[0\]\.when\.rating\.lte: .*number/);
    expect(e.problems[0]).toMatchObject({ line: 4, field: 'rules[0].when.rating.lte' });
  });

  it('names an unknown key', () => {
    const e = problem(load('rules:\n  - id: low\n    when:\n      stars: 2\n    then: { flag: true }\n'));
    expect(e.message).toMatch(/team\.yaml:4: rules\[0\]\.when: Unrecognized key: "stars"$/);
  });

  it('names a regex that does not compile', () => {
    const e = problem(load('rules:\n  - id: bad\n    when:\n      text: { regex: "(unclosed" }\n    then: { flag: true }\n'));
    expect(e.message).toMatch(/team\.yaml:4: rules\[0\]\.when\.text\.regex: not a valid regular expression/);
  });

  it('names an alert channel that the config does not have', () => {
    const e = problem(load('rules:\n  - id: low\n    when: { rating: { lte: 2 } }\n    then:\n      alert: [ops, pager]\n'));
    expect(e.message).toMatch(/team\.yaml:5: rules\[0\]\.then\.alert\[1\]: unknown alert channel "pager"/);
  });

  it('reports a YAML syntax error with its line', () => {
    const e = problem(load('rules:\n  - id: low\n    when: { rating: { lte: 2 }\n    then: {}\n'));
    expect(e.message).toMatch(/team\.yaml:\d+: .*YAML syntax/);
  });

  it('refuses the same rule id in two files', () => {
    const dir = tempDir();
    writeFile(dir, 'a.yaml', 'rules:\n  - id: same\n    when: { rating: { lte: 2 } }\n    then: { flag: true }\n');
    writeFile(dir, 'b.yaml', 'rules:\n  - id: same\n    when: { rating: { lte: 1 } }\n    then: { flag: true }\n');
    expect(() => loadRules(dir, { channels: new Set() })).toThrow(/b\.yaml:2: rules\[0\]\.id: rule id "same" is already used in .*a\.yaml/);
  });
});
