import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/index.ts';
import { tokenize } from '../../src/analyze/tokenize.ts';

const analyzer = createAnalyzer();
const label = (text: string) => analyzer.analyze(text).label;
const words = (text: string) => tokenize(text).filter((t) => t.kind === 'word').map((t) => t.text);

describe('masked letters keep a word whole', () => {
  it('stars and "@" between Cyrillic letters', () => {
    expect(words('ну б**ть опять')).toEqual(['ну', 'б**ть', 'опять']);
    expect(words('полный п@здец с доставкой')).toEqual(['полный', 'п@здец', 'с', 'доставкой']);
  });
  it('trailing stars after a short stub', () => {
    expect(words('бл* ну как так')).toEqual(['бл*', 'ну', 'как', 'так']);
  });
  it('an e-mail address is not a masked word', () => {
    expect(words('пишите на user@example.com')).toEqual(['пишите', 'на', 'user']);
  });
});

describe('masked obscenities read as written out', () => {
  it('Russian', () => {
    expect(label('б**ть, курьер приехал через неделю')).toBe('negative');
    expect(label('это какой-то п@здец, а не приложение')).toBe('negative');
    expect(label('ну и х** с ним')).toBe('negative');
    expect(label('х*р знает где посылка')).toBe('negative');
    expect(label('с*ка такая')).toBe('negative');
  });
  it('English', () => {
    expect(label('f**k this update')).toBe('negative');
  });
  it('stars that mask nothing are dropped', () => {
    expect(label('*смеётся* привет всем')).toBe('neutral');
  });
});

describe('Latin look-alike letters inside Cyrillic words', () => {
  it('are read as Cyrillic', () => {
    expect(label('xуйня этот тариф')).toBe('negative');
    expect(label('cука, ну кто так делает')).toBe('negative');
  });
  it('a word that means nothing either way is left alone', () => {
    expect(label('купил iphone вчера')).toBe('neutral');
  });
});

describe('insults by stem', () => {
  it('people called names', () => {
    expect(label('ну ты и козел')).toBe('negative');
    expect(label('эти упыри из администрации')).toBe('negative');
    expect(label('придурок какой-то за рулём')).toBe('negative');
    expect(label('вот же мерзавцы')).toBe('negative');
    expect(label('сидит там конченый менеджер')).toBe('negative');
  });
  it('places and things', () => {
    expect(label('не магазин, а шарага')).toBe('negative');
    expect(label('уродливый дизайн нового приложения')).toBe('negative');
  });
  it('profanity variants', () => {
    expect(label('эти гребаные обновления')).toBe('negative');
    expect(label('фамилии этих долбаебов')).toBe('negative');
    expect(label('хер его знает')).toBe('negative');
  });
  it('"уродился" is a harvest, not an insult', () => {
    expect(label('картофель в этом году уродился')).not.toBe('negative');
  });
});
