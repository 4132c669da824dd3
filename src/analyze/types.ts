/** Languages the analyzer reads; anything else is `other` and gets no sentiment. */
export type Lang = 'ru' | 'en' | 'other';

export type SentimentLabel = 'negative' | 'neutral' | 'positive' | 'unknown';

/** What the analyze stage stores per mention revision, and what `repwatch analyze` prints. */
export interface Analysis {
  lang: Lang;
  /** Normalized to [-1, 1]; null when the language is not one the engine reads. */
  score: number | null;
  label: SentimentLabel;
  /** Words or rules that decided the score, shown to a person as "why flagged". */
  reasons: string[];
  /** Topic tags such as delivery, staff, price, quality, refund. */
  tags: string[];
}

export interface Analyzer {
  /** Pure: the same text (and hint) always gives the same analysis. */
  analyze(text: string, langHint?: Lang): Analysis;
}
