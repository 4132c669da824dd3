import type { Analysis } from './types.ts';

export type RatingTextMismatch = 'complaint_high_rating' | 'praise_low_rating';

/** A complaint under 4–5 stars, or praise under 1–2 stars: the text and the stars disagree. */
export function ratingTextMismatch(rating: number | null, analysis: Analysis): RatingTextMismatch | null {
  if (rating === null || analysis.score === null) return null;
  if (rating >= 4 && analysis.label === 'negative' && analysis.score <= -0.3) return 'complaint_high_rating';
  if (rating <= 2 && analysis.label === 'positive' && analysis.score >= 0.3) return 'praise_low_rating';
  return null;
}
