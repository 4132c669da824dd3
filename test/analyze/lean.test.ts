import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/index.ts';
import { leanScore, MIX, squash } from '../../src/analyze/lean.ts';

describe('leanScore: praise does not erase a complaint in the same text', () => {
  it('one-sided texts score their squashed sum, as before', () => {
    expect(leanScore([-2, -1], 2)).toBeCloseTo(squash(-3));
    expect(leanScore([3], 1)).toBeCloseTo(squash(3));
    expect(leanScore([], 0)).toBe(0);
  });
  it('the opposite side cancels only MIX of its weight', () => {
    // +4 and -2: 4 - MIX*2 = 3 on the positive side.
    expect(leanScore([4, -2], 2)).toBeCloseTo(squash(4 - MIX * 2));
    expect(leanScore([-4, 2], 2)).toBeCloseTo(-squash(4 - MIX * 2));
  });
  it('a tie between two real sides leans negative; only weights read up to n count', () => {
    expect(leanScore([3, -3], 2)).toBeCloseTo(-squash(3 - MIX * 3));
    expect(leanScore([3, -3, -9], 2)).toBeCloseTo(-squash(3 - MIX * 3));
  });
});

describe('mixed texts in the analyzer', () => {
  const analyzer = createAnalyzer();
  it('"great coffee, rude staff" is flagged, with both words as reasons', () => {
    const a = analyzer.analyze('great coffee, rude staff', 'en');
    expect(a.label).toBe('negative');
    expect(a.reasons).toEqual(expect.arrayContaining(['-rude', '+great']));
    expect(analyzer.analyze('отличный кофе, хамский персонал', 'ru').label).toBe('negative');
  });
  it('contrast still decides which clause counts: praise after "but" wins', () => {
    expect(analyzer.analyze('rude staff but great coffee', 'en').label).toBe('positive');
  });
  it('praise with a mild aside stays praise', () => {
    expect(analyzer.analyze('amazing food, a bit pricey', 'en').label).toBe('positive');
  });
});
