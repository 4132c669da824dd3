import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/index.ts';

const analyzer = createAnalyzer();

describe('expletives right before a scored word intensify it', () => {
  it('praise with an expletive stays praise, and is stronger for it', () => {
    const plain = analyzer.analyze('i am excited', 'en');
    const sworn = analyzer.analyze('i am fucking excited', 'en');
    expect(sworn.label).toBe('positive');
    expect(sworn.score).toBeGreaterThan(plain.score as number);
    expect(sworn.reasons).toContain('intensifier:fucking');
    expect(analyzer.analyze('i am so fucking excited', 'en').label).toBe('positive');
    expect(analyzer.analyze('this is bloody brilliant', 'en').label).toBe('positive');
  });
  it('a complaint with an expletive is a stronger complaint', () => {
    const a = analyzer.analyze('fucking awful service', 'en');
    expect(a.label).toBe('negative');
    expect(a.score).toBeLessThan(analyzer.analyze('awful service', 'en').score as number);
  });
  it('before a word that only weighs negated, it intensifies once and is not counted again', () => {
    const sworn = analyzer.analyze("it's not fucking working", 'en');
    const plain = analyzer.analyze("it's not working", 'en');
    expect(sworn.reasons).toContain('intensifier:fucking');
    expect(sworn.reasons).not.toContain('-fucking');
    expect(sworn.score).toBeLessThan(plain.score as number);
    // An ordinary intensifier under negation still softens ("not really working").
    expect(analyzer.analyze("it's not really working", 'en').score).toBeGreaterThan(plain.score as number);
  });
  it('alone, or with a word or a comma between, the expletive keeps its own weight', () => {
    expect(analyzer.analyze('damn, that hurts', 'en').reasons).toContain('-damn');
    expect(analyzer.analyze('damn that hurts', 'en').reasons).not.toContain('intensifier:damn');
    expect(analyzer.analyze('what the fuck', 'en').label).toBe('negative');
  });
});

describe('negation does not turn an obscenity into praise', () => {
  it('Russian obscenities written out stay negative under "без" / "не"', () => {
    for (const text of ['11 минут без сабов ну нахуй', 'я не понимаю как я еще не выключила это нахуй']) {
      const a = analyzer.analyze(text, 'ru');
      expect(a.label, text).toBe('negative');
    }
  });
});

describe('Russian words that were missing or misread', () => {
  it('lying, greed, danger, violence and missing someone are negative', () => {
    for (const text of ['он опять врёт', 'она врет всем', 'жадные сволочи', 'это опасно', 'суицид не выход', 'скучаю по тебе', 'сколько боли в этом твите', 'русофобия какая-то', 'злилась весь вечер']) {
      expect(analyzer.analyze(text, 'ru').label, text).toBe('negative');
    }
  });
  it('stems of negative words no longer catch common words that share them', () => {
    // "рано"/"ранее" (not "ранен"), "вон" (not "вонь"), "Лена" (not "лень"), "ложить" (not "ложь"), "OST" (not "остывший").
    for (const text of ['встала рано', 'вон там стоит', 'Лена пришла', 'куда ложить', 'заиграл ост из аниме']) {
      expect(analyzer.analyze(text, 'ru').label, text).toBe('neutral');
    }
    for (const text of ['какая вонь', 'это ложь', 'мне лень', 'кофе остывший']) {
      expect(analyzer.analyze(text, 'ru').label, text).toBe('negative');
    }
  });
  it('"почему бы и нет" agrees; a "почему" complaint is still one', () => {
    expect(analyzer.analyze('почему бы и нет', 'ru').label).toBe('neutral');
    expect(analyzer.analyze('почему не работает приложение', 'ru').label).toBe('negative');
  });
});
