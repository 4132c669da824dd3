import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/index.ts';

const analyzer = createAnalyzer();
const a = (text: string) => analyzer.analyze(text, 'en');

describe('English proper names', () => {
  it('a sentiment word inside a run of capitalised words names something', () => {
    expect(a('We drove along the Great Lakes on Sunday').label).toBe('neutral');
    expect(a('Tickets for the Bad Moon tour are on sale Friday').label).toBe('neutral');
    expect(a('The trophy went to Carl Victor and Tom Brown').label).toBe('neutral');
    // The same words in lower case still count.
    expect(a('We drove along the great lakes on sunday').label).toBe('positive');
    expect(a('tickets for the bad moon tour are on sale friday').label).toBe('negative');
  });
  it('a sentence in Title Case throughout (a review title) names nothing', () => {
    expect(a('Absolutely Terrible Customer Service. The courier came on Monday').label).toBe('negative');
    expect(a('Absolutely Terrible Customer Service. The courier came on Monday').reasons).toContain('-terrible');
    expect(a('Really Awful Delivery Experience. it came on monday').label).toBe('negative');
    // A name inside an ordinary sentence still weighs nothing.
    expect(a('Very Poor Quality. We drove along the Great Lakes on Sunday').reasons).not.toContain('+great');
  });
  it('the capital of a sentence start is convention, not a name', () => {
    expect(a('Great Lakes trip was fun').label).toBe('positive');
    expect(a('It rained. Bad Weather ruined it').label).toBe('negative');
  });
  it('greetings and pronouns are no part of a name', () => {
    expect(a('Hi all, Happy Sunday to everyone').label).toBe('positive');
    expect(a('Tom says I Love You').label).toBe('positive');
  });
  it('a text that capitalises every word names nothing by it', () => {
    expect(a('Had An Amazing Time With My Best Friends').label).toBe('positive');
    expect(a('Bad Service, Cold Food').label).toBe('negative');
  });
  it('a mark between capitalised words breaks the run', () => {
    expect(a('Nice show from Tom, Great job').label).toBe('positive');
  });
});
