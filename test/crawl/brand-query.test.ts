import { describe, expect, it } from 'vitest';
import { brandQuerySchema, compileBrandQuery, cyrToLat, latToCyr, words } from '../../src/crawl/brand-query.ts';

describe('compileBrandQuery: Russian', () => {
  const sber = compileBrandQuery({ any: ['Сбер'] });

  it('matches inflected forms of a single word, case-insensitively', () => {
    for (const text of ['Сбер снова лежит', 'Клиенты Сбера жалуются', 'Я доволен Сбером', 'написал в СБЕР', 'о Сбере ни слова', 'сберу всё равно']) {
      expect(sber(text), text).toBe(true);
    }
  });

  it('does not match other words that merely start with the brand', () => {
    expect(sber('Как сберечь деньги')).toBe(false);
    expect(sber('сбережения растут')).toBe(false);
    // A longer brand name is its own term: list "Сбербанк" to match it.
    expect(sber('Сбербанк')).toBe(false);
  });

  it('matches a longer name in all its cases, with ё/е folded', () => {
    const bank = compileBrandQuery({ any: ['сбербанк'] });
    expect(['в Сбербанке', 'у Сбербанка', 'со Сбербанком', 'Sberbank'].map((t) => bank(t))).toEqual([true, true, true, true]);
    const pyat = compileBrandQuery({ any: ['Пятёрочка'] });
    expect(['в Пятерочке', 'из Пятёрочки', 'Пятерочку закрыли'].map((t) => pyat(t))).toEqual([true, true, true]);
  });

  it('matches a Latin spelling given as an alternative, and transliterates a single spelling both ways', () => {
    const both = compileBrandQuery({ any: ['Сбер', 'Sber'] });
    expect(both('Sber app is down')).toBe(true);
    expect(compileBrandQuery({ any: ['Sber'] })('Клиенты Сбера в ярости')).toBe(true);
    expect(compileBrandQuery({ any: ['Сбер'] })('SBER shares fell')).toBe(true);
    expect(compileBrandQuery({ any: ['Yandex'] })('Яндексом пользуюсь')).toBe(true);
    expect(compileBrandQuery({ any: ['Tinkoff'] })('в Тинькоффе опять сбой')).toBe(true);
  });
});

describe('compileBrandQuery: English', () => {
  it('matches whole words with plural and possessive endings', () => {
    const acme = compileBrandQuery({ any: ['Acme'] });
    expect(acme("Acme's support never answers")).toBe(true);
    expect(acme('two ACMEs in town')).toBe(true);
    expect(acme('acmeology is not a word')).toBe(false);
  });

  it('requires every `all` term', () => {
    const q = compileBrandQuery({ all: ['Acme', 'refund'] });
    expect(q('Acme refused my refund')).toBe(true);
    expect(q('Acme is fine')).toBe(false);
  });
});

describe('compileBrandQuery: exclusions, phrases, language', () => {
  it('drops texts with a `none` term, inflected too', () => {
    const q = compileBrandQuery({ any: ['Сбер'], none: ['вакансия'] });
    expect(q('Сбер: новая вакансия аналитика')).toBe(false);
    expect(q('Сбер публикует вакансии')).toBe(false);
    expect(q('Сбер снова не работает')).toBe(true);
  });

  it('matches phrases only as adjacent words, each word inflected', () => {
    const q = compileBrandQuery({ phrases: ['Сбер Онлайн'] });
    expect(q('В Сбер Онлайне не проходит платёж')).toBe(true);
    expect(q('Сбер и онлайн-кинотеатр')).toBe(false);
    expect(compileBrandQuery({ phrases: ['customer service'] })('Acme customer service is awful')).toBe(true);
    expect(compileBrandQuery({ phrases: ['customer service'] })('service for every customer')).toBe(false);
  });

  it('any and phrases are alternatives', () => {
    const q = compileBrandQuery({ any: ['Acme'], phrases: ['Acme Bank'] });
    expect(q('I bank with Acme')).toBe(true);
  });

  it('filters by language when the mention has one; unknown language passes', () => {
    const q = compileBrandQuery({ any: ['Сбер', 'Sber'], lang: ['ru'] });
    expect(q('Сбер не работает', 'ru')).toBe(true);
    expect(q('Сбер не работает', 'ru-RU')).toBe(true);
    expect(q('Sber is down', 'en')).toBe(false);
    expect(q('Sber is down', null)).toBe(true);
    expect(q('Sber is down')).toBe(true);
  });
});

describe('brand query helpers and schema', () => {
  it('transliterates and tokenizes', () => {
    expect(latToCyr('sber')).toBe('сбер');
    expect(latToCyr('yandex')).toBe('яндекс');
    expect(cyrToLat('тинькофф')).toBe('tinkoff');
    expect(words("Sber's «Сбер-Онлайн», ёлка!")).toEqual(["sber's", 'сбер', 'онлайн', 'елка']);
  });

  it('validates a query and needs at least one positive term', () => {
    expect(brandQuerySchema.parse({ any: ['Сбер'] })).toEqual({ all: [], any: ['Сбер'], none: [], phrases: [], lang: [] });
    expect(brandQuerySchema.safeParse({ none: ['вакансия'] }).success).toBe(false);
    expect(brandQuerySchema.safeParse({ any: ['x'], typo: 1 }).success).toBe(false);
  });
});
