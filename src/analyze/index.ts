export type { Analysis, Analyzer, Lang, SentimentLabel } from './types.ts';
export { createAnalyzer, type AnalyzerOptions, type Thresholds } from './engine.ts';
export { ratingTextMismatch, type RatingMismatch, type RatingTextMismatch } from './mismatch.ts';
export { detectLanguage } from './language.ts';
