import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/index.ts';
import { WordCache } from '../../src/analyze/word-cache.ts';

const analyzer = createAnalyzer();
const a = (text: string) => analyzer.analyze(text);

describe('Russian complaints of brand mentions', () => {
  it('reads short demands and app failures', () => {
    for (const text of ['Верните!', 'приложение опять висит', 'коллекторы звонят каждый день', 'банк не работает', 'мне не нравится']) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('does not read short stems into unrelated words', () => {
    // "болит" stems to "бол", which "более" shares; "странно" to "стран" ("страна").
    expect(a('более 100 отделений по всей стране').label).toBe('neutral');
    expect(a('голова болит').label).toBe('negative');
    expect(a('наш класс едет на экскурсию').label).toBe('neutral');
    expect(a('снова в Москве').label).toBe('neutral');
  });
});

describe('dropping plain words keeps the rules as they were', () => {
  it('a negator does not reach past three words, however many plain words follow', () => {
    expect(a('не был там уже три года хороший сервис').label).toBe('positive');
    expect(a('не очень-то и хороший').label).toBe('negative');
  });
  it('an intensifier before a plain word strengthens nothing after it', () => {
    expect(a('очень это хорошо').score).toBe(a('это хорошо').score);
    expect(a('very much good').score).toBe(a('much good').score);
  });
  it('a clause boundary still stops a negator, and a trailing negator weighs nothing', () => {
    expect(a('не хорошо, плохо').label).toBe('negative');
    expect(a('хорошо, не').label).toBe('positive');
    expect(a('хотя дорого, вкусно').score ?? 0).toBeGreaterThan(0);
  });
});

describe('analysis objects', () => {
  it('are independent of later calls (the analyzer reuses its buffers)', () => {
    const first = a('Ужасный сервис, но курьер вежливый');
    const snapshot = JSON.parse(JSON.stringify(first));
    a('Отличный сервис!!! 😍');
    expect(first).toEqual(snapshot);
    expect(first.reasons.length).toBeGreaterThan(0);
  });
});

describe('WordCache', () => {
  it('finds a word by its range in a text, and starts over when full', () => {
    const cache = new WordCache<number>(2);
    const text = 'say hello world';
    const h = WordCache.hash(text, 4, 9);
    expect(cache.get(text, 4, 9, h)).toBeUndefined();
    cache.set('hello', h, 1);
    expect(cache.get('hello', 0, 5, WordCache.hash('hello', 0, 5))).toBe(1);
    expect(cache.get(text, 4, 9, h)).toBe(1);
    expect(cache.get(text, 10, 15, WordCache.hash(text, 10, 15))).toBeUndefined();
    cache.set('world', WordCache.hash('world', 0, 5), 2);
    cache.set('third', WordCache.hash('third', 0, 5), 3);
    expect(cache.size).toBe(1);
    expect(cache.get(text, 4, 9, h)).toBeUndefined();
  });
});

describe('reasons name the words as written, for a person to read', () => {
  it('inflected words, phrases and masked words appear as in the text, lower-cased', () => {
    const analyzer = createAnalyzer();
    expect(analyzer.analyze('Сотрудники НАХАМИЛИ, кофе холодный', 'ru').reasons).toEqual(expect.arrayContaining(['-нахамили', '-холодный']));
    expect(analyzer.analyze("We won't be back.", 'en').reasons).toContain("-won't be back");
    expect(analyzer.analyze('верните деньги!', 'ru').reasons).toContain('-верните деньги');
    expect(analyzer.analyze('б**ть опять', 'ru').reasons).toContain('-б**ть');
  });
});
