import type { Analysis } from './types.ts';

export type RatingTextMismatch = 'complaint_high_rating' | 'praise_low_rating';
/** Short alias of RatingTextMismatch. */
export type RatingMismatch = RatingTextMismatch;

/** How far past neutral the text must be to count as "clearly" negative or positive. */
const CLEAR_SCORE = 0.3;

/**
 * Rule condition "rating against text": a 4-5 star rating over a clearly
 * negative text, or a 1-2 star rating over a clearly positive one, usually
 * means a mis-click or a complaint hidden in a good rating.
 */
export function ratingTextMismatch(rating: number | null, analysis: Analysis): RatingTextMismatch | null {
  if (rating === null || !Number.isFinite(rating) || analysis.score === null) return null;
  if (rating >= 4 && analysis.label === 'negative' && analysis.score <= -CLEAR_SCORE) return 'complaint_high_rating';
  if (rating <= 2 && analysis.label === 'positive' && analysis.score >= CLEAR_SCORE) return 'praise_low_rating';
  return null;
}
