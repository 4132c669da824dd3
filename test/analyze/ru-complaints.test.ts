import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/index.ts';

const analyzer = createAnalyzer();
const a = (text: string) => analyzer.analyze(text, 'ru');

describe('Russian brand complaints', () => {
  it('"X нет" after the noun: no service is a complaint', () => {
    for (const text of ['в офисе света нет', 'связи нет с утра', 'интернета нет, а абонентку платим', 'сети нет во всём районе', 'ответа нет на письмо']) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('price rises, hidden fees, broken promises', () => {
    for (const text of ['банк подняли цены на обслуживание', 'оператор повысили тариф без предупреждения', 'скрытые комиссии за перевод', 'обещали перезвонить в течение часа', 'обещали вернуть за три дня']) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('theft and short-changing in shops', () => {
    for (const text of ['в магазине обсчитали на кассе', 'курьер подсунули чужой пакет', 'в пункте выдачи перепутали заказ', 'продавцы крадут сдачу', 'в доставке недовес']) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('the same nouns with a plain "нет" elsewhere stay neutral', () => {
    expect(a('нет, я про связь в метро').label).toBe('neutral');
  });
});

describe('Russian complaints of telecom, bank and delivery customers', () => {
  it('services switched on without consent, wrong or missing deliveries, canned answers', () => {
    for (const text of [
      'Мегафон подключил платную услугу без моего согласия',
      'МТС подключили платную подписку',
      'списали без предупреждения',
      'Курьер СДЭК так и не приехал',
      'прислали не тот товар',
      'поддержка отвечает шаблонами',
      'Яндекс отменили заказ за минуту до доставки',
      'низкая скорость интернета второй месяц',
      'подам в суд, если не вернёте',
      'ухожу к конкурентам',
      'хочу расторгнуть договор',
      'обходите стороной',
    ]) {
      expect(a(text).label, text).toBe('negative');
    }
  });
  it('the same words in plain statements are no complaint', () => {
    for (const text of ['у нас платные услуги по прайсу', 'курьер приехал вовремя', 'суд постановил', 'низкая цена']) {
      expect(a(text).label, text).toBe('neutral');
    }
  });
});

describe('stars written in the text', () => {
  it('"1 звезда", "ставлю единицу", "2 из 5" are complaints; "5 звёзд", "10 из 10" praise', () => {
    for (const text of ['Ставлю 1 звезду', 'одну звезду и то много', 'ставлю единицу', 'оценка 2 из 5']) {
      expect(a(text).label, text).toBe('negative');
    }
    for (const text of ['5 звезд заслуженно', 'твёрдые 10 из 10']) {
      expect(a(text).label, text).toBe('positive');
    }
  });
  it('numbers in scores and times are no rating', () => {
    expect(a('счёт 1:0, 10 минута матча').label).toBe('neutral');
  });
});
