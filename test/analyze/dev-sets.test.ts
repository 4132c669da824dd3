import { existsSync } from 'node:fs';
import Sentiment from 'sentiment';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/index.ts';
import { readDataset, type Gold } from '../../bench/lib/datasets.ts';
import { score } from '../../bench/lib/metrics.ts';
import { inPart } from '../../bench/lib/split.ts';

// The dev sets live outside the repo (shared/datasets); these checks run only where they exist.
const DIR = new URL('../../../shared/datasets/', import.meta.url).pathname;
const RU = `${DIR}ru-rusentitweet-train.csv`;
const IMDB = `${DIR}en-uci-imdb-sentences.tsv`;

function negativeF1(file: string): { engine: number; afinn: number } {
  const examples = readDataset(file).filter((e) => inPart(e.id, 'test'));
  const analyzer = createAnalyzer();
  const afinn = new Sentiment();
  const gold = examples.map((e) => e.label);
  const twoClass = !gold.includes('neutral');
  const ours = examples.map((e): Gold => {
    const a = analyzer.analyze(e.text);
    if (a.label === 'negative' || a.label === 'positive') return a.label;
    return twoClass ? ((a.score ?? 0) < 0 ? 'negative' : 'positive') : 'neutral';
  });
  const base = examples.map((e): Gold => {
    const s = afinn.analyze(e.text).score;
    return s < 0 ? 'negative' : s > 0 || twoClass ? 'positive' : 'neutral';
  });
  return { engine: score(gold, ours).perClass.negative?.f1 ?? 0, afinn: score(gold, base).perClass.negative?.f1 ?? 0 };
}

describe.skipIf(!existsSync(RU))('held-out part of RuSentiTweet', () => {
  it('finds Russian negatives far better than AFINN', () => {
    const f1 = negativeF1(RU);
    expect(f1.engine).toBeGreaterThan(0.55);
    expect(f1.engine).toBeGreaterThan(f1.afinn + 0.3);
  });
});

describe.skipIf(!existsSync(IMDB))('held-out part of the UCI review sentences', () => {
  it('beats AFINN on negative review sentences', () => {
    const f1 = negativeF1(IMDB);
    expect(f1.engine).toBeGreaterThan(0.75);
    expect(f1.engine).toBeGreaterThan(f1.afinn);
  });
});
