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
