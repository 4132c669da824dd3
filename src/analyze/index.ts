export type { Analysis, Analyzer, Lang, SentimentLabel } from './types.ts';
export { createAnalyzer } from './engine.ts';
export { ratingTextMismatch, type RatingTextMismatch } from './mismatch.ts';
