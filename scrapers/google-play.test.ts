import { describe, expect, it } from 'vitest';
import { googlePlay, parseGooglePlay } from './google-play.ts';
import { assertValid, fixture } from './lib/fixture.ts';

const URL1 = 'https://androidpublisher.googleapis.com/androidpublisher/v3/applications/ru.example.bank/reviews?maxResults=100';

describe('google-play parser', () => {
  it('reads reviews in the reviewer’s own words, with developer replies and the next token', () => {
    const { mentions, next } = parseGooglePlay(fixture('google-play', 'page-1.json'), URL1);
    assertValid(mentions);
    expect(mentions).toHaveLength(2);
    expect(mentions[0]).toMatchObject({
      externalId: 'gp:AOqpTOH1aaaa',
      author: 'Светлана',
      rating: 1,
      text: 'Приложение вылетает при оплате',
      lang: 'ru',
      publishedAt: '2025-03-14T11:00:00.250Z',
      reply: 'Светлана, исправили в версии 4.1.3, обновите приложение.',
      metrics: { thumbs_up: 4, thumbs_down: 0 },
    });
    expect(mentions[1]).toMatchObject({ rating: 5, text: 'Works great', lang: 'en', reply: null });
    expect(next).toEqual([`${URL1}&token=Q0FFU0FnZ0I`]);
  });

  it('ends without a token and returns nothing for an empty answer', () => {
    expect(parseGooglePlay(fixture('google-play', 'page-2-last.json'), URL1).next).toEqual([]);
    expect(parseGooglePlay(fixture('google-play', 'empty.json'), URL1)).toEqual({ mentions: [], next: [] });
  });

  it('throws a clear error for a response of another shape', () => {
    expect(() => parseGooglePlay(fixture('google-play', 'changed-layout.json'), URL1)).toThrow(/google-play: the reviews.list response does not have the expected shape/);
  });

  it('starts from the package, and sends the token from the environment as a header', () => {
    const target = { id: 't', url: 'https://play.google.com/store/apps/details?id=ru.example.bank', keywords: [] };
    const options = googlePlay.options.parse({});
    expect(googlePlay.start(target, options)).toEqual([URL1]);
    expect(googlePlay.credentials?.(options)).toEqual(['GOOGLE_PLAY_TOKEN']);
    expect(googlePlay.headers?.(options, { GOOGLE_PLAY_TOKEN: 't' })).toEqual({ authorization: 'Bearer t' });
  });
});
