import { describe, expect, it } from 'vitest';
import { createAnalyzer, DEFAULT_THRESHOLDS } from '../../src/analyze/engine.ts';

const analyzer = createAnalyzer();
const en = (text: string) => analyzer.analyze(text, 'en');
const label = (text: string) => en(text).label;

describe('English reviews: leaving, uninstalling and decline', () => {
  it('saying one will not come back is a complaint', () => {
    for (const text of ['Will never go there again', "We won't be back.", 'never coming back to this hotel', 'I will not return']) {
      expect(en(text).label, text).toBe('negative');
    }
  });
  it('app-store words of leaving and of a product getting worse', () => {
    for (const text of ['Uninstalled.', 'Journalism has gone down hill', 'the app keeps crashing', 'now not a fan at all', 'Spent five minutes trying to log in so I gave up']) {
      expect(en(text).label, text).toBe('negative');
    }
  });
  it('hotel complaints about the room', () => {
    for (const text of ['Room smelled dank. Mold around the vent.', 'carpet was stained and the couch sagging', 'we found cockroaches in the bathroom']) {
      expect(en(text).label, text).toBe('negative');
    }
  });
  it('phrases do not fire on their look-alikes', () => {
    expect(en('we will never give up').label).toBe('neutral');
    expect(en('I am a big fan').label).not.toBe('negative');
  });
});

describe('English negative threshold', () => {
  it('a negated mild positive or one plain complaint word flags', () => {
    for (const text of ["I don't like the new design", 'the app is slow', 'Sloppy and inaccurate.']) {
      expect(en(text).label, text).toBe('negative');
    }
  });
  it('one faint word does not (it sits between the thresholds)', () => {
    const t = DEFAULT_THRESHOLDS.en;
    for (const text of ['Miss the old app.', 'fine app']) {
      const a = en(text);
      expect(a.label, text).toBe('neutral');
      expect(a.score as number).toBeGreaterThan(t.negative);
      expect(a.score as number).toBeLessThan(t.positive);
    }
  });
});

describe('English customer complaints on social media', () => {
  it('outages, lock-outs, no-shows and being treated badly', () => {
    for (const text of [
      '@Comcast my internet has been down for 3 days',
      'huge outage again',
      'the app logged me out again and won\'t let me back in',
      '@Uber driver never showed up',
      'wifi keeps dropping every 10 minutes',
      "I've been a customer for 10 years and this is how you treat me",
    ]) {
      expect(en(text).label, text).toBe('negative');
    }
  });
  it('the same words in plain statements are no complaint', () => {
    for (const text of ['prices went down', 'let me know', 'Starbucks opens a new store in Seattle']) {
      expect(en(text).label, text).toBe('neutral');
    }
  });
});

describe('English customers leaving or escalating', () => {
  it('cancelling, chargebacks, lawyers, reports and taking business elsewhere', () => {
    for (const text of [
      'cancelling my account today',
      "I'll do a chargeback",
      'talking to my lawyer',
      'reporting you to the FTC',
      'taking my business elsewhere',
      'never buying from you again',
    ]) {
      expect(en(text).label, text).toBe('negative');
    }
  });
  it('being done with homework is no complaint', () => {
    expect(en('I am done with my homework').label).toBe('neutral');
  });
});

describe('negation that intensifies', () => {
  it('"couldn\'t be happier/better", "can\'t say enough good" are praise, not a negated positive', () => {
    for (const text of ["I couldn't be happier with the service", 'couldnt be better', "I can't say enough good things about them", "I can't recommend them enough", 'it does not get any better than this', 'no complaints here']) {
      expect(label(text), text).toBe('positive');
    }
  });
  it('"never been more frustrated", "could not be worse" are complaints', () => {
    for (const text of ['I have never been more frustrated in my life', 'never been so disappointed', 'could not be more disappointed', 'the support could not be worse']) {
      expect(label(text), text).toBe('negative');
    }
  });
  it('plain negation still negates', () => {
    expect(label('I could not be happy with this')).toBe('negative');
    expect(label('the food was not so good')).toBe('negative');
  });
  it('comparatives reach their base word ("happier", "angrier", "sadder")', () => {
    expect(label("I'm so much happier now")).toBe('positive');
    expect(label('customers have never been angrier')).toBe('negative');
    expect(label('a sadder ending than I expected')).toBe('negative');
  });
});

describe('customer-service complaints in tweets', () => {
  it('"no notification", "haven\'t heard back", "no wifi" are complaints; the nouns alone are not', () => {
    for (const text of ['flight cancelled and no notification at all', "still haven't heard back", 'no wifi on a 5 hour flight', 'no update on my bag', 'stranded at the airport overnight']) {
      expect(label(text), text).toBe('negative');
    }
    for (const text of ['we heard the news this morning', 'got the update, thanks!', 'the wifi password is on the card']) {
      expect(label(text), text).not.toBe('negative');
    }
  });
});
