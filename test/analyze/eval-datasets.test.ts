import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelOfStars, readDataset } from '../../bench/lib/datasets.ts';

const file = (name: string, content: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'repwatch-ds-')), name);
  writeFileSync(path, content);
  return path;
};

describe('eval:sentiment reads star-rated reviews as `repwatch parse` prints them', () => {
  it('labels by stars and scores title and text together, as the pipeline does', () => {
    const rows = [
      { source: 'trustpilot', external_id: 'a1', rating: 1, title: 'Never again', text: 'Waited two weeks.' },
      { source: 'trustpilot', external_id: 'a2', rating: 3, title: null, text: 'It is ok.' },
      { source: 'trustpilot', external_id: 'a3', rating: 5, title: '', text: 'Great help.' },
      { source: 'reddit', external_id: 'a4', rating: null, text: 'no stars: skipped' },
    ];
    const ex = readDataset(file('reviews.jsonl', rows.map((r) => JSON.stringify(r)).join('\n')));
    expect(ex).toEqual([
      { text: 'Never again. Waited two weeks.', label: 'negative', id: 'a1' },
      { text: 'It is ok.', label: 'neutral', id: 'a2' },
      { text: 'Great help.', label: 'positive', id: 'a3' },
    ]);
  });
  it('an explicit label wins over stars; out-of-range stars are no label', () => {
    expect(labelOfStars(2)).toBe('negative');
    expect(labelOfStars(4)).toBe('positive');
    expect(labelOfStars(0)).toBeUndefined();
    expect(labelOfStars('5')).toBeUndefined();
    const ex = readDataset(file('x.jsonl', JSON.stringify({ text: 't', label: 'positive', rating: 1 })));
    expect(ex[0]?.label).toBe('positive');
  });
  it('a broken line is named', () => {
    expect(() => readDataset(file('bad.jsonl', '{"text":"a","label":"positive"}\n{oops'))).toThrow(/line 2 is not JSON/);
  });
});
