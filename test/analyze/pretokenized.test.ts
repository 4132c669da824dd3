import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTexts } from '../../bench/analyze.ts';
import { createAnalyzer } from '../../src/analyze/index.ts';

const HARD = [
  'Не очень хорошо, но персонал вежливый!!!',
  'NEVER AGAIN. Rude staff & cold coffee :( #fail',
  'Ужасно... верните деньги!!! 😡😡',
  'не дозвониться до поддержки, сколько можно?',
  'Best. Coffee. Ever. 10/10 would recommend :)',
  "It's not bad at all, actually quite good",
  'Сбер опять завис, приложение не работает)))',
];

describe('tokens handed to sentiment as they are', () => {
  it('score exactly as the string path does', () => {
    const fast = createAnalyzer();
    const reference = createAnalyzer({ pretokenized: false });
    const dev = '/work/shared/datasets/en-tweeteval-val.tsv';
    const extra = existsSync(dev) ? readFileSync(dev, 'utf8').split('\n').slice(0, 500).map((l) => l.split('\t')[1] ?? '') : [];
    const texts = [...HARD, ...generateTexts(5000, 7), ...extra];
    const differing = texts.filter((t) => JSON.stringify(fast.analyze(t)) !== JSON.stringify(reference.analyze(t)));
    expect(differing).toEqual([]);
  });
});
