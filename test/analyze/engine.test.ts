import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/index.ts';

const analyzer = createAnalyzer();
const a = (text: string) => analyzer.analyze(text);

describe('Russian inflection', () => {
  it('scores ужасный / ужасно / ужасная / ужасные through one stem', () => {
    for (const text of ['ужасный', 'ужасно', 'ужасная', 'ужасные']) {
      const r = a(text);
      expect(r.lang).toBe('ru');
      expect(r.label).toBe('negative');
      // One stem scores them all; the reason names the word as written.
      expect(r.reasons).toContain(`-${text}`);
    }
  });
  it('reads obscene slang through prefixes', () => {
    expect(a('ну это пиздец конечно').label).toBe('negative');
  });
});

describe('negation', () => {
  it('flips a Russian positive word: "не хороший"', () => {
    const r = a('это не хороший сервис');
    expect(r.label).toBe('negative');
    expect(r.reasons).toContain('negation:не хороший');
  });
  it('turns neutral complaint verbs negative: "не работает", "не дозвониться"', () => {
    expect(a('приложение не работает').label).toBe('negative');
    expect(a('в поддержку не дозвониться').label).toBe('negative');
    expect(a('приложение работает').label).toBe('neutral');
  });
  it('"без проблем" is positive', () => {
    expect(a('всё пришло без проблем').label).toBe('positive');
  });
  it('flips English words, including n\'t', () => {
    expect(a('The food was not good').label).toBe('negative');
    expect(a("It didn't work at all").label).toBe('negative');
    expect(a('not bad at all').label).not.toBe('negative');
  });
  it('stops at a clause boundary', () => {
    const scoped = a('не знаю, хороший сервис');
    expect(scoped.score ?? 0).toBeGreaterThan(0);
  });
  it('keeps "no refund" a complaint', () => {
    expect(a('They gave me no refund').label).toBe('negative');
  });
});

describe('intensifiers and downtoners', () => {
  it('очень and very strengthen, чуть and slightly weaken', () => {
    const plain = a('плохо').score ?? 0;
    expect(a('очень плохо').score ?? 0).toBeLessThan(plain);
    expect(a('чуть плохо').score ?? 0).toBeGreaterThan(plain);
    expect(a('very good').score ?? 0).toBeGreaterThan(a('good').score ?? 0);
    expect(a('slightly good').score ?? 0).toBeLessThan(a('good').score ?? 0);
  });
  it('"barely works" is not praise', () => {
    expect(a('the app barely works').score ?? 0).toBeLessThanOrEqual(0);
  });
  it('"не очень" alone is a complaint', () => {
    expect(a('фильм не очень').label).toBe('negative');
  });
});

describe('contrast', () => {
  it('the clause after "но" decides', () => {
    const r = a('Было вкусно, но официант хамил');
    expect(r.label).toBe('negative');
    expect(r.reasons).toContain('contrast:но');
    expect(a('Дорого, но очень вкусно').label).toBe('positive');
  });
  it('the clause after "but" decides', () => {
    expect(a('Great app but it crashes constantly').label).toBe('negative');
    expect(a('The wait was long but the food was amazing').label).toBe('positive');
  });
});

describe('emoji, emoticons, capitals and punctuation', () => {
  it('scores emoji and explains them', () => {
    const r = a('😡😡😡');
    expect(r.label).toBe('negative');
    expect(r.reasons).toContain('emoji:😡');
    expect(a('😍').label).toBe('positive');
  });
  it('reads Russian bracket smiles and frowns', () => {
    expect(a('спасибо)))').label).toBe('positive');
    expect(a('опять списали деньги(((').label).toBe('negative');
    expect(a('ok :)').label).toBe('positive');
  });
  it('capitals and "!!!" strengthen', () => {
    const calm = a('ужасно').score ?? 0;
    expect(a('УЖАСНО').score ?? 0).toBeLessThan(calm);
    expect(a('ужасно!!!').score ?? 0).toBeLessThan(calm);
    expect(a('УЖАСНО').reasons).toContain('caps:УЖАСНО');
  });
  it('reads elongated words', () => {
    expect(a('ужаааасно').label).toBe('negative');
    expect(a('sooo gooood').label).toBe('positive');
  });
});

describe('complaints and reviews', () => {
  it('English review complaints', () => {
    for (const text of [
      'The food was cold and the waiter was rude. Never again!',
      'I waited 2 hours and still no refund',
      'Total scam, they charged me twice',
      'Do not waste your time.',
    ]) expect(a(text).label, text).toBe('negative');
  });
  it('Russian complaints', () => {
    for (const text of ['Верните деньги!', 'Сплошное хамство и обман', 'Сбербанк опять списал комиссию']) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('praise', () => {
    expect(a('МТС, спасибо за быструю помощь').label).toBe('positive');
    expect(a('Friendly staff, delicious food, highly recommend').label).toBe('positive');
  });
});

describe('mixed language and transliteration', () => {
  it('mixed Russian and English', () => {
    const r = a('Приложение крашится, такой bug, ужасно');
    expect(r.lang).toBe('ru');
    expect(r.label).toBe('negative');
  });
  it('transliterated Russian', () => {
    expect(a('uzhasno').label).toBe('negative');
    expect(a('spasibo bolshoe').label).toBe('positive');
  });
});

describe('output', () => {
  it('keeps the score in [-1, 1] and neutral text neutral', () => {
    const r = a('ужасно ужасно ужасно кошмар отвратительно!!! 😡😡😡');
    expect(r.score).toBeGreaterThanOrEqual(-1);
    expect(a('Мы приехали в офис в девять утра').label).toBe('neutral');
    expect(a('The meeting is on Tuesday at 10').label).toBe('neutral');
  });
  it('gives unknown and a null score to other languages', () => {
    for (const text of ['Das Essen war nicht gut, ich bin sehr enttäuscht', '这个产品很好，我很喜欢']) {
      const r = a(text);
      expect(r.lang).toBe('other');
      expect(r.label).toBe('unknown');
      expect(r.score).toBeNull();
    }
  });
  it('tags topics', () => {
    expect(a('курьер опоздал, менеджер грубый').tags).toEqual(expect.arrayContaining(['delivery', 'staff']));
    expect(a('I want a refund, the price is a joke').tags).toEqual(expect.arrayContaining(['refund', 'price']));
    expect(a('the app keeps crashing after the update').tags).toContain('app');
  });
  it('is pure: the same text gives the same analysis', () => {
    const text = 'Не работает приложение, но поддержка ответила быстро';
    expect(a(text)).toEqual(a(text));
    expect(createAnalyzer().analyze(text)).toEqual(a(text));
  });
  it('honours a language hint', () => {
    expect(analyzer.analyze('Das ist gut', 'en').lang).toBe('en');
  });
});
