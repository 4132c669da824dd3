import { describe, expect, it } from 'vitest';
import { createAnalyzer, ratingTextMismatch, type Analysis } from '../../src/analyze/index.ts';

const base: Analysis = { lang: 'en', score: 0, label: 'neutral', reasons: [], tags: [] };

describe('ratingTextMismatch', () => {
  it('flags a high rating over clearly negative text', () => {
    expect(ratingTextMismatch(5, { ...base, score: -0.8, label: 'negative' })).toBe('complaint_high_rating');
    expect(ratingTextMismatch(4, { ...base, score: -0.6, label: 'negative' })).toBe('complaint_high_rating');
  });
  it('flags a low rating over clearly positive text', () => {
    expect(ratingTextMismatch(1, { ...base, score: 0.9, label: 'positive' })).toBe('praise_low_rating');
    expect(ratingTextMismatch(2, { ...base, score: 0.7, label: 'positive' })).toBe('praise_low_rating');
  });
  it('stays quiet when rating and text agree, the text is weak, or there is no rating', () => {
    expect(ratingTextMismatch(5, { ...base, score: 0.8, label: 'positive' })).toBeNull();
    expect(ratingTextMismatch(3, { ...base, score: -0.9, label: 'negative' })).toBeNull();
    expect(ratingTextMismatch(5, { ...base, score: -0.1, label: 'neutral' })).toBeNull();
    expect(ratingTextMismatch(null, { ...base, score: -0.9, label: 'negative' })).toBeNull();
    expect(ratingTextMismatch(1, { ...base, lang: 'other', score: null, label: 'unknown' })).toBeNull();
  });
  it('works on real analyses', () => {
    const analyzer = createAnalyzer();
    expect(ratingTextMismatch(5, analyzer.analyze('Terrible service, rude staff, never again!'))).toBe('complaint_high_rating');
    expect(ratingTextMismatch(1, analyzer.analyze('Отличный сервис, спасибо большое!'))).toBe('praise_low_rating');
  });
});
