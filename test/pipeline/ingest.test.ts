import { describe, expect, it } from 'vitest';
import { brandMatcher } from '../../src/config/load.ts';
import type { ParsedMention } from '../../src/crawl/mention.ts';
import { ingestPage } from '../../src/pipeline/ingest.ts';
import { textFingerprint } from '../../src/store/fingerprint.ts';
import { flags, mentions, outbox } from '../../src/store/schema.ts';
import { pipelineDeps } from '../helpers/pipeline.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const post = (id: string, text: string, lang: string | null = null): ParsedMention => ({ externalId: id, url: null, author: 'someone', rating: null, title: null, text, lang, publishedAt: null });
const COMPLAINT = 'Сбер опять заблокировал карту без объяснения причин, поддержка не отвечает третий день, это просто ужасно';

describe('brand query on ingest', () => {
  it('keeps posts naming the brand in any inflection or spelling, and drops excluded ones', () => {
    const deps = pipelineDeps(tempDir());
    const matches = brandMatcher({ keywords: [], brand: { all: [], any: ['Сбер', 'Sber'], none: ['вакансия'], phrases: [], lang: ['ru', 'en'] } });
    const counts = ingestPage(deps, { id: 'sber', source: 'telegram', matches }, [
      post('1', 'Поругался со Сбером из-за комиссии'),
      post('2', 'Sber app is down again'),
      post('3', 'Сбер: вакансия аналитика'),
      post('4', 'Погода сегодня отличная'),
      post('5', 'Sber dans la presse', 'fr'),
    ]);
    expect(counts.seen).toBe(2);
    expect(deps.db.select({ id: mentions.externalId }).from(mentions).orderBy(mentions.id).all().map((m) => m.id)).toEqual(['1', '2']);
  });
});

describe('reposts', () => {
  it('store the same text seen elsewhere as a sighting of the first mention, alerted once', () => {
    const deps = pipelineDeps(tempDir());
    const first = ingestPage(deps, { id: 'tg', source: 'telegram' }, [post('channel/1', COMPLAINT), post('channel/1', COMPLAINT)]);
    const again = ingestPage(deps, { id: 'vk', source: 'vk' }, [post('-1_2', `RT @victim: ${COMPLAINT.toUpperCase()}!!! https://t.me/channel/1`)]);
    expect(first).toMatchObject({ new: 1, reposts: 0 });
    expect(again).toMatchObject({ new: 1, reposts: 1, flagged: 0, alertsQueued: 0 });
    const rows = deps.db.select().from(mentions).orderBy(mentions.id).all();
    expect(rows.map((m) => [m.source, m.duplicateOf])).toEqual([['telegram', null], ['vk', rows[0]?.id]]);
    expect(deps.db.select().from(flags).all().length).toBe(deps.db.select().from(flags).all().filter((f) => f.mentionId === rows[0]?.id).length);
    expect(deps.db.select().from(outbox).all().every((o) => o.mentionId === rows[0]?.id)).toBe(true);
  });

  it('do not merge short texts that are equal by coincidence', () => {
    expect(textFingerprint('Спасибо, всё отлично!')).toBeNull();
    expect(textFingerprint(COMPLAINT)).toBe(textFingerprint(`${COMPLAINT} #сбер @bank https://x.y/z`));
  });
});
