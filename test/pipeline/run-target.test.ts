import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { genericHtml } from '../../scrapers/generic-html.ts';
import { escapeHtml } from '../../src/text/escape-html.ts';
import type { DemoReview } from '../../src/demo/reviews.ts';
import { runTarget } from '../../src/pipeline/run-target.ts';
import { markInterruptedRuns, syncTargets } from '../../src/pipeline/worker.ts';
import { analyses, crawlRuns, mentionRevisions, mentions, outbox, targets, tasks } from '../../src/store/schema.ts';
import { pipelineDeps } from '../helpers/pipeline.ts';
import { startSite, type TestSite } from '../helpers/site.ts';
import { htmlTarget, settings } from '../helpers/targets.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const sites: TestSite[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.close()));
});

const PAGE = 4;
const review = (n: number, rating = 4, text = `Good coffee number ${n}`): DemoReview => ({ id: `r${n}`, author: `Author ${n}`, rating, title: `T${n}`, text, date: new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toISOString(), location: 'Soho' });

/** A review site whose list the test edits between crawls, newest first, PAGE per page. */
async function reviewSite(initial: DemoReview[]) {
  const state = { reviews: initial, layout: 'v1' as 'v1' | 'v2', status: 200 };
  const site = await startSite((url) => {
    if (state.status !== 200) return { status: state.status, body: 'no' };
    const page = Number(url.searchParams.get('page') ?? '1');
    const items = state.reviews.slice((page - 1) * PAGE, page * PAGE);
    const cls = state.layout === 'v1' ? 'review' : 'feedback-card';
    const html = items.map((r) => `<article class="${cls}" data-id="${r.id}"><span class="author">${escapeHtml(r.author)}</span><span class="stars" data-rating="${r.rating}"></span><time datetime="${r.date}"></time><p class="text">${escapeHtml(r.text)}</p></article>`).join('');
    const next = page * PAGE < state.reviews.length ? `<a class="next" href="/reviews?page=${page + 1}">next</a>` : '';
    return { body: `<html><body>${html}${next}</body></html>` };
  });
  sites.push(site);
  return { site, state };
}

function setup(url: string) {
  const deps = pipelineDeps(tempDir(), ['ops']);
  const target = htmlTarget('shop', `${url}/reviews`);
  syncTargets(deps.db, [target]);
  return { deps, target, run: () => runTarget(deps, target, genericHtml, settings) };
}

describe('one target through the whole pipeline', () => {
  it('stores, analyzes, flags and records the run; a re-crawl finds nothing new on one page', async () => {
    const list = Array.from({ length: 10 }, (_, i) => review(10 - i, i === 2 ? 1 : 4, i === 2 ? 'Cold coffee and a rude barista' : undefined));
    const { site } = await reviewSite(list);
    const { deps, run } = setup(site.url);

    const first = await run();
    expect(first).toMatchObject({ pages: 3, stop: 'end', health: 'ok', seen: 10, new: 10, flagged: 1, tasksOpened: 1, alertsQueued: 1 });
    expect(deps.db.select().from(analyses).all()).toHaveLength(10);
    expect(deps.db.select().from(tasks).all()).toHaveLength(1);
    expect(deps.db.select().from(crawlRuns).get()).toMatchObject({ status: 'ok', pages: 3, itemsNew: 10, stopReason: 'end' });
    expect(deps.db.select().from(targets).get()).toMatchObject({ health: 'ok', lastError: null });

    site.hits.length = 0;
    const second = await run();
    expect(second).toMatchObject({ pages: 1, stop: 'known', new: 0, flagged: 0 });
    expect(site.hits).toEqual(['/reviews']);
  });

  it('reads only as far as the new items go when a few appear on top', async () => {
    const { site, state } = await reviewSite(Array.from({ length: 12 }, (_, i) => review(12 - i)));
    const { run } = setup(site.url);
    await run();
    state.reviews = [review(15, 2), review(14), review(13), ...state.reviews];
    site.hits.length = 0;
    const again = await run();
    expect(again).toMatchObject({ new: 3, flagged: 1 });
    // Page 1 holds the 3 new + 1 known; page 2 is all known, so paging stops there.
    expect(site.hits).toEqual(['/reviews', '/reviews?page=2']);
  });

  it('records an edit as a new revision and analyzes it again', async () => {
    const { site, state } = await reviewSite([review(2), review(1)]);
    const { deps, run } = setup(site.url);
    await run();
    state.reviews = [review(2, 1, 'Changed my mind: they never refunded me'), review(1)];
    const again = await run();
    expect(again).toMatchObject({ changed: 1, new: 0, flagged: 1 });
    const m = deps.db.select().from(mentions).where(eq(mentions.externalId, 'r2')).get();
    expect(m).toMatchObject({ revision: 2, rating: 1 });
    expect(deps.db.select().from(mentionRevisions).where(eq(mentionRevisions.mentionId, m?.id ?? -1)).all()).toHaveLength(2);
    expect(deps.db.select().from(analyses).where(eq(analyses.mentionId, m?.id ?? -1)).all()).toHaveLength(2);
  });

  it('marks a review removed from the site after a crawl that read every page', async () => {
    const { site, state } = await reviewSite([review(3), review(2), review(1)]);
    const { deps, run } = setup(site.url);
    await run();
    state.reviews = [review(4), review(3), review(1)];
    const again = await run();
    expect(again.removed).toBe(1);
    expect(deps.db.select().from(mentions).where(eq(mentions.externalId, 'r2')).get()?.removed).toBe(true);
  });

  it('calls a page that used to yield items and now yields none a layout change, and alerts the admins', async () => {
    const { site, state } = await reviewSite([review(2), review(1)]);
    const { deps, run } = setup(site.url);
    await run();
    state.layout = 'v2';
    const again = await run();
    expect(again).toMatchObject({ health: 'layout_changed', error: 'the first page yielded no items' });
    expect(deps.db.select().from(targets).get()).toMatchObject({ health: 'layout_changed' });
    expect(deps.db.select().from(outbox).where(eq(outbox.kind, 'source_health')).get()?.payload).toMatchObject({ target: 'shop', from: 'ok', to: 'layout_changed' });
    // Nothing is marked removed on a crawl that could not read the page.
    expect(deps.db.select().from(mentions).where(eq(mentions.removed, true)).all()).toHaveLength(0);
  });

  it('marks the target blocked on 403, keeps last_ok_at, and keeps the stored items', async () => {
    const { site, state } = await reviewSite([review(1)]);
    const { deps, run } = setup(site.url);
    await run();
    const okAt = deps.db.select().from(targets).get()?.lastOkAt;
    state.status = 403;
    const again = await run();
    expect(again.health).toBe('blocked');
    expect(deps.db.select().from(targets).get()).toMatchObject({ health: 'blocked', lastOkAt: okAt, lastError: expect.stringMatching(/HTTP 403/) });
    expect(deps.db.select().from(crawlRuns).all().map((r) => r.status)).toEqual(['ok', 'blocked']);
    expect(deps.db.select().from(mentions).all()).toHaveLength(1);
  });

  it('keeps only items that name the brand when the target has keywords', async () => {
    const { site } = await reviewSite([review(3, 4, 'Northwind latte was great'), review(2, 1, 'Other shop was bad'), review(1, 4, 'NORTHWIND again')]);
    const deps = pipelineDeps(tempDir(), ['ops']);
    const target = htmlTarget('brand', `${site.url}/reviews`, { keywords: ['northwind'] });
    syncTargets(deps.db, [target]);
    const result = await runTarget(deps, target, genericHtml, settings);
    expect(result).toMatchObject({ seen: 2, new: 2 });
    expect(deps.db.select({ id: mentions.externalId }).from(mentions).orderBy(mentions.id).all().map((m) => m.id)).toEqual(['r3', 'r1']);
  });

  it('marks runs left "running" by a killed worker as interrupted at the next start', async () => {
    const deps = pipelineDeps(tempDir(), ['ops']);
    deps.db.insert(crawlRuns).values({ targetId: 'shop', startedAt: '2026-11-23T00:00:00.000Z' }).run();
    expect(markInterruptedRuns(deps.db, '2026-11-23T01:00:00.000Z')).toBe(1);
    expect(deps.db.select().from(crawlRuns).get()).toMatchObject({ status: 'interrupted', finishedAt: '2026-11-23T01:00:00.000Z' });
  });
});

describe('daily API quotas', () => {
  it('stops a source at its daily quota across crawls, and says when it resumes', async () => {
    const { site } = await reviewSite(Array.from({ length: 20 }, (_, i) => review(20 - i)));
    const deps = pipelineDeps(tempDir(), ['ops']);
    const limited = { ...genericHtml, dailyQuota: () => 3 };
    const target = htmlTarget('api', `${site.url}/reviews`);
    syncTargets(deps.db, [target]);
    const first = await runTarget(deps, target, limited, settings);
    expect(first).toMatchObject({ pages: 3, stop: 'max_pages', health: 'ok' });
    const second = await runTarget(deps, target, limited, settings);
    expect(second).toMatchObject({ pages: 0, health: 'blocked', error: 'the daily quota of 3 requests for generic-html is used up; crawls resume after 00:00 UTC' });
  });
});

describe('resuming after an unfinished crawl', () => {
  it('reads past known pages to the end when the last run was interrupted or failed mid-way', async () => {
    const { site, state } = await reviewSite(Array.from({ length: 12 }, (_, i) => review(12 - i)));
    const { deps, run } = setup(site.url);
    state.status = 200;
    await run();
    // As a killed worker leaves it: the last run never finished.
    deps.db.update(crawlRuns).set({ status: 'interrupted', stopReason: null }).run();
    site.hits.length = 0;
    const resumed = await run();
    expect(resumed).toMatchObject({ stop: 'end', pages: 3 });
    site.hits.length = 0;
    expect(await run()).toMatchObject({ stop: 'known', pages: 1 });
  });
});
