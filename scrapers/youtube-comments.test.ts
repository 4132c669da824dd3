import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsedMentionSchema } from '../src/crawl/mention.ts';
import { parseYoutubeComments, youtubeComments, youtubeCommentsOptionsSchema } from './youtube-comments.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/youtube-comments/${name}`, import.meta.url), 'utf8');
const URL_1 = 'https://www.googleapis.com/youtube/v3/commentThreads?part=snippet%2Creplies&videoId=AbCdEfGhIj0&order=time&maxResults=100';

describe('youtube-comments parser (own fixtures only)', () => {
  it('reads top-level comments and their replies with parentId, and pages by nextPageToken', () => {
    const { mentions, next } = parseYoutubeComments(fixture('threads-page.json'), URL_1);
    for (const m of mentions) parsedMentionSchema.parse(m);
    expect(mentions.map((m) => [m.externalId, m.parentId])).toEqual([
      ['UgzAAA', null],
      ['UgzAAA.9xReply1', 'UgzAAA'],
      ['UgzBBB', null],
    ]);
    expect(mentions[0]).toMatchObject({
      url: 'https://www.youtube.com/watch?v=AbCdEfGhIj0&lc=UgzAAA',
      author: 'ivan_petrov',
      text: 'Кешбэк так и не пришёл, третий месяц жду.',
      publishedAt: '2024-03-01T13:00:00.000Z',
      metrics: { likes: 4, replies: 1 },
      raw: { edited: true },
    });
    expect(next).toEqual([`${URL_1}&pageToken=QURTSl9pMnBhZ2Uy`]);
  });

  it('returns nothing on an empty page and throws on errors and wrong shapes', () => {
    expect(parseYoutubeComments(fixture('empty.json'), URL_1)).toEqual({ mentions: [], next: [] });
    expect(() => parseYoutubeComments(fixture('quota-error.json'), URL_1)).toThrow('youtube-comments: API error 403: The request cannot be completed because you have exceeded your quota.');
    expect(() => parseYoutubeComments('<html><body>Sorry</body></html>', URL_1)).toThrow('youtube-comments: expected a commentThreads list JSON object; got HTML');
  });

  it('puts the key from the named env var into the request, never into options', () => {
    const options = youtubeCommentsOptionsSchema.parse({ video_id: 'AbCdEfGhIj0', key_env: 'NO_SUCH_REPWATCH_TEST_KEY' });
    expect(youtubeComments.start({ id: 't', keywords: [] }, options)).toEqual([`${URL_1}&textFormat=plainText`]);
  });
});
