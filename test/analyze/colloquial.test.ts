import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/index.ts';

const analyzer = createAnalyzer();
const a = (text: string) => analyzer.analyze(text);
const label = (text: string) => a(text).label;

describe('Russian words whose stem collides with another word', () => {
  it('"нее" is not the negator "не"', () => {
    expect(label('у нее ужасный телефон')).toBe('negative');
  });
  it('"любой" is not "любить", "бой" not "бояться"', () => {
    expect(label('подойдёт любой вариант')).toBe('neutral');
    expect(label('бой закончился в третьем раунде')).toBe('neutral');
  });
  it('a bare noun Snowball reads as a verb still reaches its other cases', () => {
    expect(label('всё это оказалось обманом')).toBe('negative');
    expect(label('эти дебилы опять всё сломали')).toBe('negative');
  });
});

describe('negated obscenities and profanity stay negative', () => {
  it('Russian', () => {
    expect(label('я не ебу что с этим банком делать')).toBe('negative');
  });
  it('English', () => {
    expect(label('no fucks given about this update')).toBe('negative');
  });
});

describe('colloquial Russian complaints', () => {
  it('reads slang and abbreviations of tweets', () => {
    for (const text of [
      'ппц, карту опять заблокировали', 'сраное приложение', 'оператор совсем обнаглел', 'заказ застрял на складе',
      'стрёмно как-то', 'я так расстроилась', 'криворукие разработчики', 'злюсь на курьера',
    ]) {
      expect(label(text), text).toBe('negative');
    }
  });
  it('"не могу" and "не понимаю" are complaints', () => {
    expect(label('не могу войти в личный кабинет')).toBe('negative');
    expect(label('не понимаю куда делись деньги')).toBe('negative');
  });
  it('reads praise slang', () => {
    expect(label('мимими')).toBe('positive');
    expect(label('этот сериал шедевр')).toBe('positive');
  });
});

describe('hyphenated particles', () => {
  it('"ужас-то" weighs as "ужас"', () => {
    expect(label('ужас-то какой')).toBe('negative');
  });
  it('"почему-то" is no question of complaint', () => {
    expect(label('почему-то вспомнил школу')).toBe('neutral');
  });
});

describe('escaped text from scrapers', () => {
  it('decodes JSON \\u escapes, so "doesn\\u2019t" is a negator', () => {
    expect(label('The app doesn\\u2019t work')).toBe('negative');
  });
  it('decodes HTML entities, so "doesn&#39;t" is a negator', () => {
    expect(label('The app doesn&#39;t work')).toBe('negative');
  });
});

describe('English tweets', () => {
  it('transliteration does not read English words as Russian prefixes', () => {
    expect(label('visiting my grandma tomorrow')).toBe('neutral');
  });
  it('"cant wait" without an apostrophe is eagerness', () => {
    expect(label('cant wait for the weekend')).toBe('positive');
  });
  it('reads slang and interjections', () => {
    expect(label('ugh')).toBe('negative');
    expect(label('smh at this')).toBe('negative');
    expect(label('so stoked for the launch')).toBe('positive');
  });
  it('reads "fed up" and "sick of" as complaints', () => {
    expect(label('fed up with this bank')).toBe('negative');
    expect(a('sick of the hold music').score ?? 0).toBeLessThan(a('sick').score ?? 0);
  });
});

describe('emoji', () => {
  it('a deadpan 🗿 is no praise', () => {
    expect(a('ну да 🗿').score).toBe(0);
  });
});
