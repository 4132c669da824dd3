import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/act/deliver.ts';
import type { ResolvedChannel } from '../../src/act/channels/index.ts';
import { startWebhookSink, type WebhookSink } from '../../src/demo/sink.ts';
import { ingestPage } from '../../src/pipeline/ingest.ts';
import { flags, outbox, taskEvents, tasks } from '../../src/store/schema.ts';
import type { ParsedMention } from '../../src/crawl/mention.ts';
import { closedPort } from '../helpers/net.ts';
import { pipelineDeps } from '../helpers/pipeline.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const sinks: WebhookSink[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

const review = (id: string, rating: number, text: string): ParsedMention => ({ externalId: id, url: `http://127.0.0.1/${id}`, author: 'A', rating, title: null, text, lang: null, publishedAt: '2026-11-20T10:00:00.000Z' });
const target = { id: 'shop', source: 'generic-html' };

async function setup(secret: string | null = 'sign-me') {
  const sink = await startWebhookSink(secret);
  sinks.push(sink);
  let now = new Date('2026-11-23T12:00:00Z');
  const deps = pipelineDeps(tempDir(), ['ops'], () => now);
  const channels: ResolvedChannel[] = [{ name: 'ops', type: 'webhook', settings: { url: sink.url, secret, timeoutMs: 2000 }, digest: 'off', instant: [] }];
  const clock = () => now;
  return { sink, deps, channels, clock, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('act: flag, task and outbox in one transaction', () => {
  it('opens one task with its SLA and one alert per low rating, and none for a good review', async () => {
    const { deps } = await setup();
    const counts = ingestPage(deps, target, [review('r1', 1, 'Cold coffee, rude staff'), review('r2', 5, 'Lovely place, great coffee')]);
    expect(counts).toMatchObject({ new: 2, flagged: 1, tasksOpened: 1, alertsQueued: 1 });
    const task = deps.db.select().from(tasks).get();
    expect(task).toMatchObject({ status: 'open', priority: 'high', ruleId: 'low-rating', dueAt: '2026-11-24T12:00:00.000Z' });
    expect(deps.db.select().from(taskEvents).where(eq(taskEvents.taskId, task?.id ?? -1)).all().map((e) => e.kind)).toEqual(['opened']);
    expect(deps.db.select().from(outbox).get()?.idempotencyKey).toMatch(/^alert:\d+:low-rating:ops$/);
  });

  it('flags, tasks and alerts each item at most once per rule, also when it is edited and seen again', async () => {
    const { deps } = await setup();
    ingestPage(deps, target, [review('r1', 2, 'Bad')]);
    ingestPage(deps, target, [review('r1', 2, 'Bad')]);
    const edited = ingestPage(deps, target, [review('r1', 1, 'Bad, and they never called back')]);
    expect(edited).toMatchObject({ changed: 1, flagged: 0, tasksOpened: 0 });
    expect(deps.db.select().from(flags).all()).toHaveLength(1);
    expect(deps.db.select().from(tasks).all()).toHaveLength(1);
    expect(deps.db.select().from(outbox).all()).toHaveLength(1);
  });
});

describe('deliver: the outbox to a real webhook on 127.0.0.1', () => {
  it('sends each alert once, signed, and marks it sent', async () => {
    const { sink, deps, channels, clock } = await setup();
    ingestPage(deps, target, [review('r1', 1, 'Awful'), review('r2', 2, 'Bad')]);
    expect(await deliverOutbox(deps.db, { channels, now: clock })).toMatchObject({ sent: 2, failed: 0, pending: 0 });
    expect(await deliverOutbox(deps.db, { channels, now: clock })).toMatchObject({ sent: 0, pending: 0 });
    expect(sink.requests).toBe(2);
    expect(sink.received.map((r) => r.signatureValid)).toEqual([true, true]);
    expect(sink.received[0]?.body).toMatchObject({ kind: 'mention_flagged', rule: 'low-rating', mention: { source: 'generic-html', rating: 1, text: 'Awful' } });
  });

  it('keeps alerts while the endpoint is down and sends every one once after it recovers', async () => {
    const { sink, deps, channels, advance, clock } = await setup();
    ingestPage(deps, target, [review('r1', 1, 'Awful'), review('r2', 2, 'Bad'), review('r3', 1, 'Worst')]);
    sink.failWith = 503;
    const down = await deliverOutbox(deps.db, { channels, now: clock });
    // The first failure marks the channel down for this pass: one request, not three.
    expect(down).toMatchObject({ sent: 0, failed: 1, pending: 3 });
    expect(sink.requests).toBe(1);
    // The next pass tries the next row that is due (the first one waits out its backoff).
    expect(await deliverOutbox(deps.db, { channels, now: clock })).toMatchObject({ sent: 0, failed: 1, pending: 3 });
    expect(sink.requests).toBe(2);
    sink.failWith = null;
    for (let i = 0; i < 12; i++) {
      advance(5 * 60_000);
      await deliverOutbox(deps.db, { channels, now: clock });
    }
    expect(sink.received.map((r) => r.body.rule)).toEqual(['low-rating', 'low-rating', 'low-rating']);
    expect(deps.db.select().from(outbox).where(eq(outbox.status, 'sent')).all()).toHaveLength(3);
    expect(deps.db.select().from(outbox).all().find((r) => r.attempts > 1)?.lastError).toBeNull();
  });

  it('records a refused endpoint and retries with growing delays', async () => {
    const { sink, deps, channels, advance, clock } = await setup();
    ingestPage(deps, target, [review('r1', 1, 'Awful')]);
    sink.failWith = 500;
    await deliverOutbox(deps.db, { channels, now: clock });
    const row = deps.db.select().from(outbox).get();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'channel ops: HTTP 500', nextAttemptAt: '2026-11-23T12:00:05.000Z' });
    advance(5_000);
    await deliverOutbox(deps.db, { channels, now: clock });
    expect(deps.db.select().from(outbox).get()?.nextAttemptAt).toBe('2026-11-23T12:00:15.000Z');
  });

  it('names an unreachable endpoint and loses nothing', async () => {
    const { deps, clock } = await setup();
    ingestPage(deps, target, [review('r1', 1, 'Awful')]);
    const closed: ResolvedChannel[] = [{ name: 'ops', type: 'webhook', settings: { url: `http://127.0.0.1:${await closedPort()}/hook`, secret: null, timeoutMs: 1000 }, digest: 'off', instant: [] }];
    expect(await deliverOutbox(deps.db, { channels: closed, now: clock })).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    expect(deps.db.select().from(outbox).get()?.lastError).toMatch(/^channel ops: .*ECONNREFUSED/);
  });

  it('parks an alert the receiver keeps rejecting (4xx) after five tries, without dropping it', async () => {
    const { sink, deps, channels, advance, clock } = await setup();
    ingestPage(deps, target, [review('r1', 1, 'Awful')]);
    sink.failWith = 400;
    for (let i = 0; i < 6; i++) {
      await deliverOutbox(deps.db, { channels, now: clock });
      advance(60 * 60_000);
    }
    expect(deps.db.select().from(outbox).get()).toMatchObject({ status: 'dead', attempts: 5, lastError: 'channel ops: HTTP 400' });
  });

  it('keeps an alert for a channel that left the config', async () => {
    const { deps, clock } = await setup();
    ingestPage(deps, target, [review('r1', 1, 'Awful')]);
    expect(await deliverOutbox(deps.db, { channels: [], now: clock })).toMatchObject({ failed: 1, pending: 1 });
    expect(deps.db.select().from(outbox).get()?.lastError).toMatch(/channel "ops" is not in the config/);
  });
});
