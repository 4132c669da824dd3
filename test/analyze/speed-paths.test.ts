import { describe, expect, it } from 'vitest';
import { generateTexts } from '../../bench/analyze.ts';
import { createAnalyzer } from '../../src/analyze/index.ts';

/** Texts as JSON.parse gives them: flat, sequential strings (concatenated texts are V8 cons strings). */
const flatCopy = (texts: string[]): string[] => JSON.parse(JSON.stringify(texts)) as string[];

describe('engine fast paths change no output', () => {
  it('scores a concatenated text exactly as the same text read flat', () => {
    const a = createAnalyzer();
    const b = createAnalyzer();
    const built = generateTexts(3000, 11).map((t, i) => (i % 2 === 0 ? t + ' ' : 'Ну ' + t));
    const flat = flatCopy(built);
    for (let i = 0; i < built.length; i++) expect(a.analyze(built[i] as string)).toEqual(b.analyze(flat[i] as string));
  });

  it('a lone surrogate breaks neither scanning nor scoring', () => {
    const a = createAnalyzer();
    // A lone high surrogate between two words: no emoji, no replacement character, the words still score.
    const lone = 'ужасно ' + '\uD83D' + ' плохо';
    const r = a.analyze(lone);
    expect(r.label).toBe('negative');
    expect(a.analyze('ужасно ' + '\uFFFD' + ' плохо').score).toBe(r.score);
  });

  it('escapes are decoded whether or not the text has other backslashes', () => {
    const a = createAnalyzer();
    expect(a.analyze('I can\\u2019t stand it \\ really').reasons).toEqual(a.analyze('I can’t stand it \\ really').reasons);
    expect(a.analyze('path C:\\temp is bad').label).toBe(a.analyze('path C: temp is bad').label);
  });
});
