import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../src/store/db.ts';
import { chromiumPath, skipBrowser } from '../helpers/targets.ts';
import { insertItems, XSS_TEXT } from './fixture-data.ts';
import { demoDb, serve, tempFolder, tokensFor, type Served } from './serve-helpers.ts';

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Another site on another port: just a page with the one script tag. */
function shopSite(widgetSrc: string): Promise<{ url: string; server: Server }> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Our shop</h1><p>What customers say:</p><script src="${widgetSrc}" data-limit="10" async></script></body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server })));
}

async function kpi(page: Page, id: string): Promise<string> {
  return (await page.locator(`#kpi-${id} .value`).textContent()) ?? '';
}

describe.skipIf(skipBrowser)('the dashboard in Chromium', () => {
  const folder = tempFolder();
  let server: Served;
  let browser: Browser;
  let lead = '';
  let xssTask = 0;
  let xssCandidate = 0;
  const dialogs: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = await demoDb(folder.dir);
    const db = openDb(file);
    // Review text from the internet with attack payloads: one opens a task, one is a marketing candidate.
    const now = Date.now();
    const inserted = insertItems(db.$client, [
      { source: 'generic-html', location: 'London, Soho', rating: 1, published: new Date(now - 86_400_000).toISOString(), text: XSS_TEXT, author: '" onmouseover="alert(3)', url: 'javascript:alert(1)', label: 'negative', tags: ['staff'], task: { created: new Date(now - 3_600_000).toISOString(), due: new Date(now + 30 * 86_400_000).toISOString() } },
      { source: 'generic-html', location: 'London, Soho', rating: 5, published: new Date(now - 2 * 86_400_000).toISOString(), text: `Great! ${XSS_TEXT}`, author: '<b>bold</b>', url: 'javascript:alert(1)', marketing: 'candidate' },
    ]);
    closeDb(db);
    xssTask = inserted.taskIds.get(0) ?? 0;
    xssCandidate = inserted.mentionIds[1] ?? 0;
    lead = tokensFor(file, ['lead']).lead;
    server = await serve(file);
    browser = await chromium.launch({ executablePath: chromiumPath ?? '/usr/bin/chromium', args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    folder.remove();
  });

  async function newPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    return page;
  }

  it('logs in, works a task to contacted and resolved, and the analytics page moves', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/inbox`);
    expect(page.url()).toBe(`${server.url}/login`);
    await page.fill('input[name=token]', lead);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/inbox`);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'rw_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.waitForSelector('tr.task');
    await page.screenshot({ path: join(ARTIFACTS, 'inbox.png'), fullPage: true });

    await page.goto(`${server.url}/analytics`);
    await page.waitForSelector('#kpi-nrr_team .value');
    const before = { contact: await kpi(page, 'avg_hours_to_first_contact'), nrrTeam: await kpi(page, 'nrr_team'), nrrBrand: await kpi(page, 'nrr_brand'), sla: await kpi(page, 'within_sla_share') };
    expect(before.contact).toBe('—');
    expect(before.nrrTeam).toBe(before.nrrBrand);

    await page.goto(`${server.url}/inbox`);
    const first = page.locator('tr.task').first();
    const taskId = await first.getAttribute('data-task-id');
    await first.click();
    await page.waitForSelector('#status-select');
    await page.selectOption('#status-select', 'contacted');
    await page.click('#status-save');
    await expect.poll(() => page.locator('#detail-status').textContent()).toBe('contacted');
    await page.selectOption('#status-select', 'resolved');
    await page.fill('#status-note', 'refunded, customer happy');
    await page.click('#status-save');
    await expect.poll(() => page.locator('#detail-status').textContent()).toBe('resolved');
    // The negative was the courier's fault: dispute it, and as a lead approve it.
    await page.fill('#dispute-reason', 'courier delay');
    await page.click('#dispute-save');
    await page.click('#dispute-approve');
    await expect.poll(() => page.locator('#history').textContent()).toContain('dispute_approved');
    expect(await page.locator('#history li').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('→ contacted'), expect.stringContaining('→ resolved by lead-user: refunded, customer happy')]));
    expect(taskId).not.toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'task.png'), fullPage: true });

    await page.goto(`${server.url}/analytics`);
    await page.waitForSelector('#kpi-nrr_team .value');
    const after = { contact: await kpi(page, 'avg_hours_to_first_contact'), nrrTeam: await kpi(page, 'nrr_team'), nrrBrand: await kpi(page, 'nrr_brand'), sla: await kpi(page, 'within_sla_share') };
    expect(after.contact).toMatch(/^\d+(\.\d+)? h$/);
    expect(after.sla).toBe('100 %');
    expect(after.nrrBrand).toBe(before.nrrBrand);
    expect(parseFloat(after.nrrTeam)).toBeLessThan(parseFloat(before.nrrTeam));
    // Charts are drawn by chart.js (served by us) and each has its CSV.
    await page.waitForFunction(() => document.querySelectorAll('canvas').length >= 6);
    expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe('function');
    const csvLinks = await page.locator('a.csv').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(csvLinks).toHaveLength(6);
    for (const href of csvLinks) expect((await page.request.get(href)).headers()['content-type']).toMatch(/^text\/csv/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'analytics.png'), fullPage: true });

    await page.goto(`${server.url}/sources`);
    await page.waitForSelector('tr[data-target-id="northwind-reviews"]');
    await page.screenshot({ path: join(ARTIFACTS, 'sources.png'), fullPage: true });
    await page.close();
  });

  it('keeps attack payloads in review text as text in the inbox and marketing pages', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('input[name=token]', lead);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/inbox`);
    await page.click(`tr[data-task-id="${xssTask}"]`);
    await page.waitForSelector('#review-text');
    expect(await page.locator('#review-text').textContent()).toBe(XSS_TEXT);
    const injected = () => page.evaluate(() => ({ imgs: document.querySelectorAll('img').length, scripts: [...document.scripts].filter((s) => !/\/assets\//.test(s.src)).length, jsLinks: document.querySelectorAll('a[href^="javascript:"]').length, handlers: document.querySelectorAll('[onmouseover],[onerror]').length }));
    expect(await injected()).toEqual({ imgs: 0, scripts: 0, jsLinks: 0, handlers: 0 });
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-xss.png'), fullPage: true });

    await page.goto(`${server.url}/marketing`);
    await page.waitForSelector(`tr[data-mention-id="${xssCandidate}"]`);
    expect(await page.locator(`tr[data-mention-id="${xssCandidate}"] .review-cell`).textContent()).toContain(`Great! ${XSS_TEXT}`);
    expect(await injected()).toEqual({ imgs: 0, scripts: 0, jsLinks: 0, handlers: 0 });
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('approves reviews on the marketing page and shows them, with stars, in the widget on another site', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('input[name=token]', lead);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/inbox`);
    await page.goto(`${server.url}/marketing`);
    const row = page.locator('tr[data-mention-id]').filter({ hasText: 'Best flat white in town' });
    await row.locator('button.approve').click();
    await expect.poll(() => page.locator('tr[data-mention-id]').filter({ hasText: 'Best flat white in town' }).count()).toBe(0);
    await page.locator(`tr[data-mention-id="${xssCandidate}"] button.approve`).click();
    await expect.poll(() => page.locator(`tr[data-mention-id="${xssCandidate}"]`).count()).toBe(0);
    await page.click('#tab-approved');
    await page.waitForSelector(`tr[data-mention-id="${xssCandidate}"]`);
    expect(await page.locator('#widget-snippet').textContent()).toBe(`<script src="${server.url}/widget.js" data-limit="6" async></script>`);
    await expect.poll(() => page.locator('#jsonld-snippet').textContent()).toContain('\\u003c/script\\u003e');
    await page.screenshot({ path: join(ARTIFACTS, 'marketing.png'), fullPage: true });
    await page.close();

    const shop = await shopSite(`${server.url}/widget.js`);
    try {
      const site = await newPage();
      await site.goto(shop.url);
      await site.waitForSelector('.repwatch-widget[data-state="ready"]');
      const reviews = site.locator('.repwatch-widget article.rw-review');
      expect(await reviews.count()).toBe(2);
      const texts = await site.locator('.repwatch-widget .rw-text').allTextContents();
      expect(texts).toEqual(expect.arrayContaining([`Great! ${XSS_TEXT}`, expect.stringContaining('Friendly staff, great coffee')]));
      expect(await site.locator('.repwatch-widget .rw-stars').allTextContents()).toContain('★★★★★');
      // The payload is text inside the widget's shadow root, never elements, links or handlers.
      const shadow = await site.evaluate(() => {
        const root = document.querySelector('.repwatch-widget')?.shadowRoot;
        return { imgs: root?.querySelectorAll('img').length, scripts: root?.querySelectorAll('script').length, jsLinks: root?.querySelectorAll('a[href^="javascript:"]').length, bold: root?.querySelectorAll('b').length, pageImgs: document.querySelectorAll('img').length };
      });
      expect(shadow).toEqual({ imgs: 0, scripts: 0, jsLinks: 0, bold: 0, pageImgs: 0 });
      await site.screenshot({ path: join(ARTIFACTS, 'widget.png'), fullPage: true });
      expect(dialogs).toEqual([]);
      await site.close();
    } finally {
      await new Promise<void>((r) => shop.server.close(() => r()));
    }
  });
});
