import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsedMentionSchema } from '../src/crawl/mention.ts';
import { channelOf, parseTelegram, telegram, telegramOptionsSchema } from './telegram.ts';
import { parseCount } from './lib/html-text.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/telegram/${name}`, import.meta.url), 'utf8');
const PAGE = 'https://t.me/s/bank_primer';

describe('telegram parser on own fixtures', () => {
  const result = parseTelegram(fixture('channel-page.html'), PAGE);

  it('reads every post, skipping service messages', () => {
    expect(result.mentions.map((m) => m.externalId)).toEqual(['bank_primer/501', 'bank_primer/503', 'bank_primer/504']);
    for (const m of result.mentions) expect(parsedMentionSchema.parse(m)).toBeTruthy();
  });

  it('reads text with line breaks, dates, views and the channel as author', () => {
    const [first] = result.mentions;
    expect(first).toMatchObject({
      url: 'https://t.me/bank_primer/501',
      author: 'Банк Пример',
      text: 'Сбер опять не работает: приложение падает.\nПоддержка молчит & не отвечает.',
      publishedAt: '2024-03-01T09:15:00.000Z',
      metrics: { views: 1200 },
      parentId: null,
    });
  });

  it('reads a reply with its parent, signature, edit mark and forward source', () => {
    const reply = result.mentions[1];
    expect(reply).toMatchObject({
      externalId: 'bank_primer/503',
      author: 'Пресс-служба',
      text: 'Ответ банка: сбой устранён, приносим извинения.',
      parentId: 'bank_primer/501',
      metrics: { views: 3_400_000 },
      raw: { edited: true, forwardedFrom: 'Другой канал' },
    });
  });

  it('pages to ?before= the oldest post', () => {
    expect(result.next).toEqual(['https://t.me/s/bank_primer?before=501']);
    expect(parseTelegram(fixture('channel-page.html'), 'http://127.0.0.1:8080/s/bank_primer?before=600').next).toEqual(['http://127.0.0.1:8080/s/bank_primer?before=501']);
  });

  it('stops on the oldest page and on an empty channel', () => {
    const last = parseTelegram(fixture('last-page.html'), `${PAGE}?before=3`);
    expect(last.mentions).toHaveLength(2);
    expect(last.next).toEqual([]);
    expect(parseTelegram(fixture('empty-channel.html'), 'https://t.me/s/empty_chan')).toEqual({ mentions: [], next: [] });
  });

  it('throws on a page that is not a channel preview', () => {
    expect(() => parseTelegram(fixture('not-a-channel.html'), PAGE)).toThrow(/telegram: expected a t\.me\/s\/<channel> page/);
    expect(() => parseTelegram('{"ok":true}', PAGE)).toThrow(/telegram: expected/);
  });

  it('starts from the channel option or the target url', () => {
    const options = telegramOptionsSchema.parse({});
    expect(telegram.start({ id: 't', url: 'https://t.me/bank_primer', keywords: [] }, options)).toEqual(['https://t.me/s/bank_primer']);
    expect(telegram.start({ id: 't', keywords: [] }, telegramOptionsSchema.parse({ channel: 'bank_primer', base_url: 'http://127.0.0.1:9/' }))).toEqual(['http://127.0.0.1:9/s/bank_primer']);
    expect(telegram.start({ id: 't', keywords: ['x'] }, options)).toEqual([]);
    expect(channelOf('@bank_primer')).toBe('bank_primer');
  });

  it('parses abbreviated counters', () => {
    expect([parseCount('37.2K'), parseCount('3,4M'), parseCount('1 234'), parseCount('1,234'), parseCount('12'), parseCount(''), parseCount('n/a')]).toEqual([37200, 3_400_000, 1234, 1234, 12, null, null]);
  });
});

const REAL = '/work/shared/fixtures/telegram/t.me-s-topwar_official-2023-02-28.html';
describe.skipIf(!existsSync(REAL))('telegram parser on the real topwar_official page', () => {
  it('returns all 12 posts with ids, dates, texts and views', () => {
    const { mentions, next } = parseTelegram(readFileSync(REAL, 'utf8'), 'https://t.me/s/topwar_official?before=71009');
    expect(mentions).toHaveLength(12);
    expect(mentions.every((m) => m.text.length > 20 && m.publishedAt && (m.metrics?.views ?? 0) > 10_000)).toBe(true);
    expect(mentions[0]).toMatchObject({
      externalId: 'topwar_official/70989',
      author: 'Военное обозрение',
      publishedAt: '2023-02-28T07:47:53.000Z',
      metrics: { views: 37200 },
    });
    expect(mentions[0]?.text).toMatch(/^В Санкт-Петербурге в небо над городом подняли истребители.*сообщает Baza\.\nСудя по сервису Flightradar/);
    expect(mentions.at(-1)).toMatchObject({ externalId: 'topwar_official/71008', publishedAt: '2023-02-28T13:14:03.000Z', metrics: { views: 14900 } });
    expect(mentions.find((m) => m.externalId === 'topwar_official/70996')?.raw).toEqual({ forwardedFrom: 'Военкор Ярем' });
    expect(next).toEqual(['https://t.me/s/topwar_official?before=70989']);
  });

  it('reads the single saved message', () => {
    const { mentions } = parseTelegram(readFileSync('/work/shared/fixtures/telegram/single-message.html', 'utf8'), 'https://t.me/s/topwar_official');
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ externalId: 'topwar_official/70991', publishedAt: '2023-02-28T08:48:01.000Z', metrics: { views: 33400 } });
    expect(mentions[0]?.text.startsWith('Неопознанный летающий объект замечен в 160 – 200 км от Петербурга\n\nПо данным «Фонтанки»')).toBe(true);
  });
});
