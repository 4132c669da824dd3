import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/index.ts';

const analyzer = createAnalyzer();
const a = (text: string) => analyzer.analyze(text, 'ru');

describe('Russian negative vocabulary', () => {
  it('reads dismissive and abusive words', () => {
    for (const text of ['это полная чушь', 'какая-то ерунда', 'ну и долбанутый сосед', 'курьер лох', 'мне насрать на ваш тариф', 'опять куча проблем с картой']) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('reads words of violence, disaster and misery', () => {
    for (const text of ['в городе теракт', 'сосед попал в дтп', 'везде плесень', 'он пострадал на работе', 'вокруг нищета']) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('an interjection is not negated, and "не выдерживаю" is a complaint', () => {
    expect(a('нет блин, опять').reasons).toContain('-блин');
    for (const text of ['не выдерживаю', 'херновый из него актер', 'в реплаях негодуют']) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('"без толку", "нет толку": no use is a complaint, "толк" alone is not', () => {
    expect(a('звонить в поддержку без толку').label).toBe('negative');
    expect(a('нет толку писать').label).toBe('negative');
    expect(a('он знает толк в кофе').label).toBe('neutral');
  });
});

describe('Russian complaint phrases', () => {
  it('impatience and repetition', () => {
    for (const text of ['когда уже починят приложение', 'в очередной раз списали деньги', 'ну не судьба видимо']) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('praise still wins over "в очередной раз"', () => {
    expect(a('в очередной раз спасибо за отличный сервис').label).toBe('positive');
  });
});

describe('Russian news about a brand', () => {
  // Brand-mention tweets are often headlines: losses, crime and sanctions hurt the brand, awards help it.
  it('reads losses, crime, closures and sanctions as negative', () => {
    for (const text of [
      'банк за полгода получил 1 млрд убытков',
      'бывший директор филиала осужден за хищение',
      'террористы ограбили отделение банка',
      'банк могут внести в санкционный список',
      'банк приостановил выдачу карт',
      'агентство подтвердило рейтинг с негативным прогнозом',
      'Евросоюз наказал банк за Украину',
    ]) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('reads awards, leadership and support as positive', () => {
    for (const text of ['журнал признал приложение лучшим интернет-банком', 'банк стал победителем рейтинга', 'банк поможет построить мост', 'компания лидирует на рынке']) {
      expect(a(text).label, text).toBe('positive');
    }
  });
  it('"совет директоров" is a board, not advice given', () => {
    expect(a('решением наблюдательного совета назначен новый председатель').label).toBe('neutral');
    expect(a('всем советую этот банк').label).toBe('positive');
  });
});

describe('Russian telecom mentions', () => {
  it('outages, price rises, switching operator and compound insults are complaints', () => {
    for (const text of ['снова легла связь МТС', '«Мегафон» повышает цены на ряд тарифов', 'задумываюсь о смене оператора', 'у меня не заходит в приложение', 'Билайн-говно, перейди на другого', 'долбанный мегафон']) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('an indefinite pronoun is no compound ("почему-то"), and plain compounds stay neutral', () => {
    expect(a('почему-то пришло смс').label).toBe('neutral');
    expect(a('бизнес-ланч в двенадцать').label).toBe('neutral');
  });
  it('discounts, gifts and faster networks are good news', () => {
    for (const text of ['оператор дарит подарки абонентам', 'скидка на все тарифы', 'скоростной интернет в каждый дом', 'МТС запустила 4G в Кызыле', 'банк улучшил приложение', 'оператор снижает стоимость роуминга']) {
      expect(a(text).label, text).toBe('positive');
    }
  });
});
