import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedChannel } from '../../src/act/channels/index.ts';
import { deliveryCycle } from '../../src/act/cycle.ts';
import { checkTargetAlerts } from '../../src/act/watch.ts';
import { startWebhookSink, type WebhookSink } from '../../src/demo/sink.ts';
import type { ParsedMention } from '../../src/crawl/mention.ts';
import { ingestPage } from '../../src/pipeline/ingest.ts';
import { outbox } from '../../src/store/schema.ts';
import { pipelineDeps } from '../helpers/pipeline.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const sinks: WebhookSink[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

const target = { id: 'shop', source: 'generic-html' };
const review = (id: string, rating: number, publishedAt: string | null = null, text = 'Not good'): ParsedMention => ({ externalId: id, url: null, author: `A${id}`, rating, title: null, text, lang: null, publishedAt });

async function setup(digest: 'off' | 'hourly' | 'daily' = 'off') {
  const sink = await startWebhookSink();
  sinks.push(sink);
  let now = new Date('2026-11-23T12:10:00Z');
  const deps = pipelineDeps(tempDir(), ['ops'], () => now);
  deps.channels = [{ name: 'ops', digest, instant: ['urgent'] }];
  const channels: ResolvedChannel[] = [{ name: 'ops', type: 'webhook', settings: { url: sink.url, secret: null, timeoutMs: 2000 }, digest, instant: ['urgent'] }];
  const cycle = () => deliveryCycle(deps.db, { channels, slaAlerts: true, now: () => now });
  return { sink, deps, cycle, at: (iso: string) => (now = new Date(iso)) };
}

describe('digests', () => {
  it('gathers non-urgent alerts into one hourly message when the hour ends, and sends urgent ones at once', async () => {
    const { sink, deps, cycle, at } = await setup('hourly');
    ingestPage(deps, target, [review('1', 2), review('2', 1)]);
    await cycle();
    expect(sink.received).toHaveLength(0);
    at('2026-11-23T12:40:00Z');
    ingestPage(deps, target, [review('3', 2)]);
    await cycle();
    expect(sink.received).toHaveLength(0);
    at('2026-11-23T13:00:01Z');
    const result = await cycle();
    expect(result.digests).toBe(1);
    expect(sink.received).toHaveLength(1);
    const digest = sink.received[0]?.body as { kind: string; window: { from: string; to: string; every: string }; items: { mention: { rating: number } }[] };
    expect(digest).toMatchObject({ kind: 'digest', window: { from: '2026-11-23T12:00:00.000Z', to: '2026-11-23T13:00:00.000Z', every: 'hourly' } });
    expect(digest.items.map((i) => i.mention.rating)).toEqual([2, 1, 2]);
    expect(deps.db.select().from(outbox).where(eq(outbox.status, 'digested')).all()).toHaveLength(3);
    await cycle();
    expect(sink.requests).toBe(1);
  });
});

describe('SLA, volume and rating-drop alerts', () => {
  it('alerts once on a task that passed its due time without contact', async () => {
    const { sink, deps, cycle, at } = await setup();
    ingestPage(deps, target, [review('1', 1)]);
    await cycle();
    at('2026-11-24T12:10:01Z');
    expect((await cycle()).slaBreaches).toBe(1);
    at('2026-11-24T13:00:00Z');
    expect((await cycle()).slaBreaches).toBe(0);
    expect(sink.received.map((r) => r.body.kind)).toEqual(['mention_flagged', 'sla_breach']);
    expect(sink.received[1]?.body).toMatchObject({ task_id: 1, due_at: '2026-11-24T12:10:00.000Z', mention: { rating: 1 } });
  });

  it('alerts once per window when negatives pile up for a target', async () => {
    const { deps } = await setup();
    const watch = { volume: { negatives: 3, window_hours: 1 }, sla: true };
    ingestPage(deps, target, [review('1', 1), review('2', 2), review('3', 5, null, 'Lovely')]);
    expect(checkTargetAlerts(deps.db, watch, ['ops'], 'shop', deps.now())).toBe(0);
    ingestPage(deps, target, [review('4', 1)]);
    expect(checkTargetAlerts(deps.db, watch, ['ops'], 'shop', deps.now())).toBe(1);
    ingestPage(deps, target, [review('5', 1)]);
    expect(checkTargetAlerts(deps.db, watch, ['ops'], 'shop', deps.now())).toBe(0);
    expect(deps.db.select().from(outbox).where(eq(outbox.kind, 'volume')).get()?.payload).toEqual({ target: 'shop', negatives: 3, window_hours: 1, threshold: 3 });
  });

  it('alerts when the average rating of the last window falls against the one before', async () => {
    const { deps } = await setup();
    const watch = { rating_drop: { drop: 1, window_hours: 24, min_reviews: 3 }, sla: true };
    const day1 = ['2026-11-21T13:00:00Z', '2026-11-21T18:00:00Z', '2026-11-22T09:00:00Z'];
    const day2 = ['2026-11-22T14:00:00Z', '2026-11-23T01:00:00Z', '2026-11-23T11:00:00Z'];
    ingestPage(deps, target, day1.map((d, i) => review(`old${i}`, 5, d, 'Great')));
    ingestPage(deps, target, day2.slice(0, 2).map((d, i) => review(`new${i}`, 3, d, 'Okay')));
    expect(checkTargetAlerts(deps.db, watch, ['ops'], 'shop', deps.now())).toBe(0);
    ingestPage(deps, target, [review('new2', 2, day2[2] ?? null)]);
    expect(checkTargetAlerts(deps.db, watch, ['ops'], 'shop', deps.now())).toBe(1);
    expect(deps.db.select().from(outbox).where(eq(outbox.kind, 'rating_drop')).get()?.payload).toEqual({ target: 'shop', average_before: 5, average_now: 2.67, drop: 2.33 });
  });
});
