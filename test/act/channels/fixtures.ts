import { expect } from 'vitest';
import { deliverOutbox } from '../../../src/act/deliver.ts';
import { DeliveryError, type OutboxMessage, type ResolvedChannel } from '../../../src/act/channels/index.ts';
import type { ParsedMention } from '../../../src/crawl/mention.ts';
import { ingestPage } from '../../../src/pipeline/ingest.ts';
import { outbox, tasks } from '../../../src/store/schema.ts';
import { pipelineDeps } from '../../helpers/pipeline.ts';

/** Review text as a hostile or careless page could carry it. */
export const HOSTILE = 'Кофе холодный <script>alert(1)</script> and "quotes" & \'apostrophes\' <!channel>';

export const mention = (over: Record<string, unknown> = {}) => ({
  id: 7,
  source: 'generic-html',
  target: 'shop',
  url: 'https://reviews.example/r/7?a=1&b=2',
  author: 'Иван <b>',
  rating: 1,
  title: null,
  text: HOSTILE,
  published_at: '2026-11-20T10:00:00.000Z',
  ...over,
});

export const flaggedPayload = (over: Record<string, unknown> = {}) => ({
  rule: 'low-rating',
  priority: 'high',
  reasons: ['rating 1 ≤ 2', 'negative words: "холодный"'],
  task_id: 42,
  mention: mention(),
  sentiment: { label: 'negative', score: -3, lang: 'ru' },
  ...over,
});

export const flagged = (over: Record<string, unknown> = {}): OutboxMessage => ({ idempotencyKey: 'alert:7:low-rating:ops', kind: 'mention_flagged', payload: flaggedPayload(over) });

/** One message of every kind the outbox carries. */
export const everyKind: OutboxMessage[] = [
  flagged(),
  {
    idempotencyKey: 'digest:2026-11-23:ops',
    kind: 'digest',
    payload: {
      window: { from: '2026-11-22T12:00:00Z', to: '2026-11-23T12:00:00Z', every: 'daily' },
      items: [flaggedPayload(), flaggedPayload({ priority: 'urgent', task_id: 43, mention: mention({ id: 8, rating: 2, title: 'Never again', text: 'Bad service, English text' }) })],
    },
  },
  { idempotencyKey: 'health:shop:9:ops', kind: 'source_health', payload: { target: 'shop', source: 'generic-html', from: 'ok', to: 'layout_changed', error: 'no review nodes <div class="r">' } },
  { idempotencyKey: 'volume:shop:1:ops', kind: 'volume', payload: { target: 'shop', negatives: 12, window_hours: 6, threshold: 10 } },
  { idempotencyKey: 'drop:shop:1:ops', kind: 'rating_drop', payload: { target: 'shop', average_before: 4.5, average_now: 3.75, drop: 0.75 } },
  { idempotencyKey: 'sla:42:ops', kind: 'sla_breach', payload: { task_id: 42, due_at: '2026-11-24T12:00:00.000Z', priority: 'high', status: 'open', mention: mention() } },
];

/** Runs a sender and returns what it threw, failing the test when it did not throw a DeliveryError. */
export async function rejection(run: () => Promise<unknown>): Promise<DeliveryError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(DeliveryError);
    return e as DeliveryError;
  }
  throw new Error('expected the send to fail');
}

const review = (id: string, rating: number, text: string): ParsedMention => ({ externalId: id, url: `http://127.0.0.1/${id}`, author: 'A', rating, title: null, text, lang: null, publishedAt: '2026-11-20T10:00:00.000Z' });

/**
 * A real pipeline database with one flagged review (so one task and one
 * outbox row for channel "ops"), and a clock the test moves.
 */
export function deliveryRig(dir: string, route: Pick<ResolvedChannel, 'name' | 'type' | 'settings'>, text = 'Холодный кофе, грубый персонал <script>alert(1)</script>') {
  // No digest: every alert goes out on its own, as the channel tests expect.
  const channel: ResolvedChannel = { ...route, digest: 'off', instant: [] };
  let now = new Date('2026-11-23T12:00:00Z');
  const clock = () => now;
  const deps = pipelineDeps(dir, ['ops'], clock);
  ingestPage(deps, { id: 'shop', source: 'generic-html' }, [review('r1', 1, text)]);
  return {
    deps,
    clock,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
    deliver: () => deliverOutbox(deps.db, { channels: [channel], now: clock, write: () => {} }),
    row: () => deps.db.select().from(outbox).get(),
    task: () => deps.db.select().from(tasks).get(),
  };
}
