import { describe, expect, it } from 'vitest';
import { stemRu } from '../../src/analyze/stem-ru.ts';
import { tokenize } from '../../src/analyze/tokenize.ts';

describe('stemRu', () => {
  it('maps inflected forms to one stem', () => {
    expect(new Set(['ужасный', 'ужасно', 'ужасная', 'ужасные', 'ужасного'].map(stemRu))).toEqual(new Set(['ужасн']));
    expect(stemRu('работает')).toBe(stemRu('работать'));
    expect(stemRu('ёлка')).toBe(stemRu('елка'));
  });
});

describe('tokenize', () => {
  const kinds = (text: string) => tokenize(text).map((t) => (t.kind === 'word' ? t.text : t.norm));
  it('drops links and mentions, keeps hashtag words', () => {
    expect(kinds('@bank https://t.co/x #ужас')).toEqual(['ужас']);
  });
  it('finds emoticons, emoji and bracket smiles', () => {
    expect(kinds('ok :) :-( xD <3')).toEqual(['ok', '<smile>', '<sad>', '<laugh>', '<heart>']);
    expect(kinds('спасибо)))')).toEqual(['спасибо', '<smile>']);
    expect(kinds('(в скобках) текст')).toEqual(['в', 'скобках', 'текст']);
    expect(kinds('👍🏽❤️')).toEqual(['👍', '❤']);
  });
  it('marks sentence, clause and exclamation boundaries', () => {
    expect(kinds('плохо, но ладно. Ура!!!')).toEqual(['плохо', '<c>', 'но', 'ладно', '<s>', 'Ура', '<xx>']);
  });
});
