import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/index.ts';

const analyzer = createAnalyzer();
const a = (text: string) => analyzer.analyze(text, 'en');

describe('English anticipation and complaint questions', () => {
  it('"look forward" is anticipation, not direction', () => {
    expect(a('Looking forward to the concert next week').label).toBe('positive');
    expect(a('we look forward to it').label).toBe('positive');
    expect(a('the car moved forward').label).toBe('neutral');
  });
  it('"why" makes a complaint stronger', () => {
    expect(a('why is my order late again').label).toBe('negative');
    expect(a('why is my order late again').score as number).toBeLessThan(a('my order is late').score as number);
  });
});
