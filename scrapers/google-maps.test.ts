import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { googleMaps, parseGoogleMaps } from './google-maps.ts';
import { assertValid, fixture, readDecoded } from './lib/fixture.ts';

describe('google-maps parser (own fixtures)', () => {
  it('reads the internal place response: ids, ratings, dates, replies, rating-only reviews', () => {
    const { mentions, next } = parseGoogleMaps(fixture('google-maps', 'place-response.json'));
    assertValid(mentions);
    expect(mentions).toHaveLength(3);
    expect(mentions[0]).toMatchObject({
      externalId: 'ChdDSUhNMG9nS0VJQ0FnTUR3ZXN0MRAB',
      author: 'Анна Петрова',
      rating: 4,
      lang: 'ru',
      publishedAt: '2025-03-03T11:06:40.000Z',
      reply: 'Анна, спасибо за отзыв! В выходные добавили второго бариста.',
      location: 'Кофейня Зерно, ул. Ленина, 5, Москва',
    });
    expect(mentions[1]).toMatchObject({ rating: 1, reply: null, text: 'Холодный капучино, грубый персонал. Больше не приду.' });
    expect(mentions[2]).toMatchObject({ rating: 5, text: '' });
    expect(next).toEqual([]);
  });

  it('finds the same place inside APP_INITIALIZATION_STATE on a place page', () => {
    const page = parseGoogleMaps(fixture('google-maps', 'place-page.html'));
    const raw = parseGoogleMaps(fixture('google-maps', 'place-response.json'));
    expect(page.mentions).toEqual(raw.mentions);
  });

  it('reads the Places API (New) response, keeping the original-language text', () => {
    const { mentions } = parseGoogleMaps(fixture('google-maps', 'places-api-new.json'));
    assertValid(mentions);
    expect(mentions).toHaveLength(2);
    expect(mentions[0]).toMatchObject({
      externalId: 'ChZDSUhNMG9nS0VJQ0FnTUR3ZXN0NBAB',
      author: 'Сергей',
      rating: 2,
      text: 'Кофе холодный, персонал грубит.',
      lang: 'ru',
      publishedAt: '2025-03-10T14:20:05.123Z',
    });
  });

  it('reads the same JSON when Chromium wraps it in <pre>', () => {
    const wrapped = `<html><head></head><body><pre style="word-wrap: break-word;">${fixture('google-maps', 'places-api-new.json').replace(/&/g, '&amp;')}</pre></body></html>`;
    expect(parseGoogleMaps(wrapped).mentions).toHaveLength(2);
  });

  it('reads the legacy Place Details response with a stable derived id', () => {
    const a = parseGoogleMaps(fixture('google-maps', 'place-details-legacy.json')).mentions;
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ author: 'Мария', rating: 3, publishedAt: '2023-11-14T22:13:20.000Z' });
    expect(parseGoogleMaps(fixture('google-maps', 'place-details-legacy.json')).mentions[0]?.externalId).toBe(a[0]?.externalId);
  });

  it('returns nothing for a place without reviews', () => {
    expect(parseGoogleMaps(fixture('google-maps', 'place-no-reviews.json'))).toEqual({ mentions: [], next: [] });
  });

  it('throws a clear error for pages of the wrong shape', () => {
    expect(() => parseGoogleMaps(fixture('google-maps', 'not-a-place.json'))).toThrow(/google-maps: the array response holds no place record/);
    expect(() => parseGoogleMaps(fixture('google-maps', 'changed-layout.html'))).toThrow(/google-maps: no APP_INITIALIZATION_STATE on the page/);
    expect(() => parseGoogleMaps('{"reviews": "nope"}')).toThrow(/google-maps: the Places API response does not have the expected shape/);
  });

  it('starts from the Places API when given a place id and key, else from the target', () => {
    const options = googleMaps.options.parse({ place_id: 'ChIJx', api_key_env: 'PLACES_KEY', language: 'ru' });
    const api = googleMaps.start({ id: 't', keywords: [] }, options, { PLACES_KEY: 'k' });
    expect(api[0]).toBe('https://places.googleapis.com/v1/places/ChIJx?fields=id%2CdisplayName%2CformattedAddress%2Creviews&languageCode=ru');
    expect(googleMaps.headers?.(options, { PLACES_KEY: 'k' })).toEqual({ 'x-goog-api-key': 'k' });
    expect(googleMaps.start({ id: 't', keywords: [] }, options, {})[0]).toBe('https://www.google.com/maps/place/?q=place_id:ChIJx');
    expect(googleMaps.start({ id: 't', url: 'https://www.google.com/maps/place/X', keywords: [] }, googleMaps.options.parse({}))).toEqual(['https://www.google.com/maps/place/X']);
  });
});

const SHARED = '/work/shared/fixtures/google-maps';

describe.skipIf(!existsSync(SHARED))('google-maps parser (real saved data)', () => {
  it('place-raw.json: the 8 review snippets embedded for Kipriakon (of 396 reviews)', () => {
    const { mentions } = parseGoogleMaps(readDecoded(`${SHARED}/place-raw.json`));
    assertValid(mentions);
    expect(mentions).toHaveLength(8);
    expect(mentions[0]).toMatchObject({
      externalId: 'ChdDSUhNMG9nS0VJQ0FnSUNKbVp5Q25nRRAB',
      author: 'Cristina Dragoi',
      rating: 5,
      lang: 'en',
      publishedAt: '2023-06-30T11:46:30.509Z',
      location: 'Kipriakon, Old port, Limassol 3042',
    });
    expect(mentions[7]).toMatchObject({ author: 'Lior Zeira', publishedAt: '2018-10-27T19:07:54.917Z' });
    expect(mentions.every((m) => m.text.length > 0)).toBe(true);
  });

  it('place-entry.html: the 8 snippets of Tipsy Sticks (of 20), two with owner replies', () => {
    const { mentions } = parseGoogleMaps(readDecoded(`${SHARED}/place-entry.html`));
    assertValid(mentions);
    expect(mentions).toHaveLength(8);
    expect(mentions[0]).toMatchObject({ externalId: 'ChZDSUhNMG9nS0VJQ0FnSUNSdzhqbkF3EAE', author: 'Nikolas Melillos', rating: 4, publishedAt: '2023-04-09T10:07:21.447Z' });
    const replied = mentions.filter((m) => m.reply);
    expect(replied.map((m) => m.author)).toEqual(['Ana Maria Garcia', 'Ιωάννα Μεζιρίδου']);
    expect(replied[0]?.reply).toBe('Thank you for your review Ana Maria 😀');
  });
});
