import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/analyze/language.ts';

describe('detectLanguage', () => {
  it('never loses short English tweets to "other"', () => {
    for (const text of [
      'lol',
      '@user ok',
      '@delta where is my bag?? https://t.co/abc #fail',
      'omg 😍😍',
      'smh fr fr no cap',
      'gr8 service tbh',
      'Que sera sera',
      'la la land was great',
      'ur app sux',
      '#Nike',
    ]) expect(detectLanguage(text), text).toBe('en');
  });
  it('never loses short Russian tweets to "other"', () => {
    for (const text of ['@user норм', 'Мотоцикль', 'ору)))', 'МТС опять без связи #fail https://t.co/x', 'чё']) {
      expect(detectLanguage(text), text).toBe('ru');
    }
  });
  it('treats texts without letters as English', () => {
    expect(detectLanguage('😡😡😡')).toBe('en');
    expect(detectLanguage('!!!')).toBe('en');
    expect(detectLanguage('')).toBe('en');
  });
  it('reads mixed Russian and English as Russian when Cyrillic carries the text', () => {
    expect(detectLanguage('Заказал на Amazon, доставка ужасная')).toBe('ru');
  });
  it('finds other languages on clear evidence', () => {
    expect(detectLanguage('Das ist wirklich nicht gut und ich bin sehr enttäuscht')).toBe('other');
    expect(detectLanguage("Le service est très mauvais et je ne suis pas content")).toBe('other');
    expect(detectLanguage('El servicio es muy malo y no me gusta para nada')).toBe('other');
    expect(detectLanguage('这个产品很好')).toBe('other');
    expect(detectLanguage('خدمة سيئة جدا')).toBe('other');
    expect(detectLanguage('Це дуже погано, і я не задоволений їхньою підтримкою')).toBe('other');
  });
});

describe('detectLanguage: Latin-script reviews without diacritics', () => {
  it('a sentence with foreign function words and no English one is "other" (scored unknown, not neutral)', () => {
    for (const text of [
      'Corso interessante, argomenti molto attuali, docenti preparati, ottima la lezione di casi pratici operativi',
      'AI per il DIGITAL MARKETING - formazione intelligente. Studio SAMO sempre un passo avanti.',
      'Servicio malo, la comida fria y el camarero lento',
      'Riposter aux rapports indignes du #HCERES',
      // "a" is Italian here ("a cura di"): it no longer counts as English.
      'Uno sguardo sulla carriera del violinista e tastierista che ha segnato la musica britannica, a cura di Federico',
    ]) expect(detectLanguage(text), text).toBe('other');
  });
  it('English without function words, or with a foreign name in it, stays English', () => {
    for (const text of [
      'Terrible service, rude staff, cold food, never again',
      'Amazing pizza, Casa de Pepe rocks, highly recommended',
      'Great food at La Casa del Sol',
      'par for the course, you know',
    ]) expect(detectLanguage(text), text).toBe('en');
  });
});
