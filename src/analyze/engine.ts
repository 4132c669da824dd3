import Sentiment from 'sentiment';
import type { Analysis, Analyzer, Lang } from './types.ts';
import { detectLanguage } from './language.ts';

/**
 * First pass: the AFINN lexicon of `sentiment`. Russian gets no lexicon yet,
 * so Russian text scores 0 here; the multilingual engine replaces this file.
 */
export function createAnalyzer(): Analyzer {
  const afinn = new Sentiment();
  return {
    analyze(text: string, langHint?: Lang): Analysis {
      const lang = langHint ?? detectLanguage(text);
      if (lang === 'other') return { lang, score: null, label: 'unknown', reasons: [], tags: [] };
      const result = afinn.analyze(text);
      const score = Math.max(-1, Math.min(1, result.comparative / 2));
      const label = score <= -0.05 ? 'negative' : score >= 0.05 ? 'positive' : 'neutral';
      const reasons = [...result.negative.map((w) => `-${w}`), ...result.positive.map((w) => `+${w}`)];
      return { lang, score, label, reasons, tags: [] };
    },
  };
}
