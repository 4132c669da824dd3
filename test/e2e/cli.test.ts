import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, lastJsonLine, repwatch } from '../helpers/cli.ts';
import { skipBrowser } from '../helpers/targets.ts';
import { checkDb, dbLocation, useTempDir, writeFile } from '../helpers/temp.ts';

const tempDir = useTempDir();

describe.skipIf(skipBrowser)('repwatch demo', () => {
  it('crawls the bundled site (incl. the JavaScript page), flags, tasks and alerts; a second run finds nothing new', async () => {
    const db = dbLocation(tempDir(), 'demo.db');
    const first = await repwatch(['demo', '--db', db, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const one = lastJsonLine(first.stdout);
    expect(one).toMatchObject({ mentions_new: 28, mentions_total: 28, browser: true, alerts_pending: 0 });
    expect(one.flagged).toBeGreaterThanOrEqual(9);
    expect(one.tasks_open).toBe(one.tasks_opened);
    const check = checkDb(db);
    // The shipped rules alert on low ratings and negative text; the complaint-under-5-stars rule only opens a task.
    expect(one.alerts_sent).toBe(check.prepare("select count(*) from flags where rule_id in ('low-rating', 'negative-text')").pluck().get());
    expect(check.prepare("select count(*) from outbox where status = 'sent'").pluck().get()).toBe(one.alerts_sent);
    expect(check.prepare('select count(*) from customers').pluck().get()).toBe(5);
    check.close();

    const second = await repwatch(['demo', '--db', db, '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(lastJsonLine(second.stdout)).toMatchObject({ mentions_new: 0, mentions_total: 28, flagged: 0, tasks_opened: 0, tasks_open: one.tasks_open, alerts_sent: 0 });

    const tasks = await repwatch(['tasks', '--db', db, '--json']);
    const list = JSON.parse(tasks.stdout) as { id: number; status: string; due_at: string; mention: { source: string; rating: number | null; text: string; url: string }; customer: unknown; churn_risk: unknown }[];
    expect(list).toHaveLength(one.tasks_open as number);
    expect(list[0]).toMatchObject({ status: 'open', mention: { source: expect.stringMatching(/^generic-/), text: expect.any(String) } });
    const anna = list.find((t) => t.mention.rating === 1 && /нахамил/.test(t.mention.text));
    // The demo's CRM export knows "Анна К." as Анна Кузнецова, a valuable customer: her 1-star task is due first.
    expect(anna).toMatchObject({ customer: { name: 'Анна Кузнецова' }, churn_risk: expect.any(Number) });
    expect(list[0]?.id).toBe((anna as { id: number }).id);
    expect(list.filter((t) => t.customer === null).length).toBeGreaterThan(0);
    expect([...list].sort((a, b) => a.due_at.localeCompare(b.due_at)).map((t) => t.id)).toEqual(list.map((t) => t.id));

    const targets = JSON.parse((await repwatch(['targets', '--db', db, '--json'])).stdout) as { id: string; health: string }[];
    expect(targets.map((t) => [t.id, t.health])).toEqual([['northwind-app', 'ok'], ['northwind-reviews', 'ok']]);
  });

  it('prints a readable summary without --json', async () => {
    const result = await repwatch(['demo', '--db', dbLocation(tempDir(), 'demo.db')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Mentions: 28 new/);
    expect(result.stderr).toMatch(/\[2\/2\] northwind-/);
  });
});

describe('repwatch analyze', () => {
  it('answers each JSON line in order, and names a malformed line without stopping', async () => {
    const input = ['{"id":"a","text":"Terrible service, rude staff. Never again!"}', 'not json', '{"id":2,"text":"Отличный кофе, спасибо!","lang":"ru"}', '{"text":"no id"}', '', '{"id":"c","text":"The table is in the room."}'].join('\n');
    const result = await repwatch(['analyze'], { input });
    expect(result.code).toBe(0);
    const out = jsonLines(result.stdout);
    expect(out.map((o) => o.id ?? `line ${String(o.line)}`)).toEqual(['a', 'line 2', 2, 'line 4', 'c']);
    expect(out[0]).toMatchObject({ lang: 'en', label: 'negative' });
    expect(out[1]?.error).toMatch(/^line 2: not valid JSON/);
    expect(out[2]).toMatchObject({ lang: 'ru' });
    expect(out[3]?.error).toMatch(/^line 4: id: /);
    expect(out[4]).toMatchObject({ label: 'neutral' });
    for (const o of [out[0], out[2], out[4]]) {
      expect(typeof o?.score).toBe('number');
      expect(Math.abs(o?.score as number)).toBeLessThanOrEqual(1);
    }
    expect(result.stderr).toMatch(/2 line\(s\) could not be read/);
  });
});

describe('repwatch parse and scrapers', () => {
  it('parses a saved page with a generic scraper into the stable JSON-lines shape', async () => {
    const dir = tempDir();
    const page = writeFile(dir, 'page.html', '<article class="r" data-id="7"><b class="a">Ann</b><i class="s" data-v="8">8/10</i><time datetime="2026-01-02T03:04:05+03:00"></time><p class="t">Холодный кофе</p></article><a class="next" href="?page=2">next</a>');
    const options = JSON.stringify({ item: 'article.r', fields: { id: '@data-id', author: '.a', rating: '.s@data-v', date: 'time@datetime', text: '.t' }, rating_scale: 10, next: 'a.next@href' });
    const result = await repwatch(['parse', '--scraper', 'generic-html', '--url', 'https://example.org/reviews', '--options', options, page]);
    expect(result.code, result.stderr).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([
      { source: 'generic-html', external_id: '7', url: 'https://example.org/reviews', author: 'Ann', rating: 4, title: null, text: 'Холодный кофе', lang: 'ru', published_at: '2026-01-02T00:04:05.000Z', reply: null, location: null, parent_id: null },
    ]);
    expect(result.stderr).toMatch(/1 mention\(s\); next: https:\/\/example\.org\/reviews\?page=2/);
  });

  it('says what is missing when a scraper needs options', async () => {
    const result = await repwatch(['parse', '--scraper', 'generic-html', writeFile(tempDir(), 'p.html', '<p>x</p>')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/repwatch: scraper generic-html needs options \(--options JSON\): item: /);
  });

  it('names an unknown scraper', async () => {
    const result = await repwatch(['parse', '--scraper', 'nope', 'x.html']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown scraper "nope"; one of: generic-html/);
  });

  it('lists every scraper as JSON', async () => {
    const result = await repwatch(['scrapers', '--json']);
    const list = JSON.parse(result.stdout) as { id: string; kind: string; engine: string }[];
    expect(list).toContainEqual(expect.objectContaining({ id: 'generic-browser', kind: 'review', engine: 'browser' }));
  });
});

describe('bad configuration stops with a clear error', () => {
  it('a broken config names file, line and field and exits 2', async () => {
    const dir = tempDir();
    const config = writeFile(dir, 'repwatch.yaml', 'targets:\n  - id: a\n    source: generic-html\n    cron: "61 * * * *"\n    options: { item: x, fields: { text: p } }\n');
    const result = await repwatch(['crawl', 'a', '--config', config, '--db', dbLocation(dir, 'x.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/repwatch: invalid config:\n.*repwatch\.yaml:4: targets\[0\]\.cron: "61 \* \* \* \*" is not a cron expression/);
  });

  it('a broken rule file names file, line and field and exits 2, before touching the database', async () => {
    const dir = tempDir();
    writeFile(dir, 'bad.yaml', 'rules:\n  - id: x\n    when: { rating: { lte: 2 } }\n    then: { priority: critical }\n');
    const config = writeFile(dir, 'repwatch.yaml', `rules_dir: .\ntargets:\n  - id: a\n    source: generic-html\n    url: http://127.0.0.1:1/\n    options: { item: x, fields: { text: p } }\n`);
    const result = await repwatch(['crawl', 'a', '--config', config, '--db', dbLocation(dir, 'x.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml:4: rules\[0\]\.then\.priority: /);
  });

  it('run without a config says how to give one', async () => {
    const result = await repwatch(['run', '--db', dbLocation(tempDir(), 'x.db')], { env: { REPWATCH_CONFIG: '' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no config: pass --config FILE/);
  });
});

describe.skipIf(skipBrowser)('repwatch customers and task', () => {
  it('imports a CRM CSV (bad rows by line), then works a demo task through contact, dispute and approval', async () => {
    const dir = tempDir();
    const db = dbLocation(dir, 'demo.db');
    expect((await repwatch(['demo', '--db', db, '--json'])).code).toBe(0);
    const csv = writeFile(dir, 'crm.csv', 'name,email,lifetime_value\nOlga M.,olga@example.org,700\nBroken,not-mail,1\n');
    const imported = await repwatch(['customers', 'import', csv, '--db', db]);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toMatch(/^1 imported, 0 updated, 1 rejected/);
    expect(imported.stderr).toMatch(/crm\.csv:3: "not-mail" is not an e-mail address/);

    const [first] = JSON.parse((await repwatch(['tasks', '--db', db, '--json'])).stdout) as { id: number }[];
    const id = String(first?.id);
    const contacted = await repwatch(['task', id, '--db', db, '--status', 'contacted', '--note', 'called back', '--actor', 'kate', '--json']);
    expect(contacted.code, contacted.stderr).toBe(0);
    expect(lastJsonLine(contacted.stdout)).toMatchObject({ status: 'contacted', first_contact_at: expect.any(String) });
    await repwatch(['task', id, '--db', db, '--dispute', 'courier was late', '--actor', 'kate']);
    const refused = await repwatch(['task', id, '--db', db, '--approve-dispute']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/only a lead or an admin/);
    const approved = await repwatch(['task', id, '--db', db, '--approve-dispute', '--role', 'lead', '--actor', 'lena', '--json']);
    const task = lastJsonLine(approved.stdout) as { dispute: unknown; events: { kind: string; actor: string }[] };
    expect(task.dispute).toEqual({ status: 'approved', reason: 'courier was late' });
    expect(task.events.map((e) => `${e.kind}:${e.actor}`)).toEqual(['opened:rule:low-rating', 'status:kate', 'dispute_requested:kate', 'dispute_approved:lena']);
    expect((await repwatch(['task', '99999', '--db', db])).stderr).toMatch(/no task 99999/);
  });
});

describe('repwatch analyze --config', () => {
  it("applies the config's sentiment thresholds, and names a broken config", async () => {
    const dir = tempDir();
    const input = '{"id":1,"text":"Miss the old app.","lang":"en"}';
    const config = writeFile(dir, 'repwatch.yaml', 'sentiment:\n  thresholds:\n    en: { negative: -0.3 }\n');
    // Without --config the thresholds are the defaults, even with REPWATCH_CONFIG set (a worker's config may need secrets).
    const plain = jsonLines((await repwatch(['analyze'], { input, env: { REPWATCH_CONFIG: config } })).stdout);
    expect(plain[0]).toMatchObject({ id: 1, label: 'neutral' });
    const tuned = await repwatch(['analyze', '--config', config], { input });
    expect(tuned.code, tuned.stderr).toBe(0);
    expect(jsonLines(tuned.stdout)[0]).toMatchObject({ id: 1, label: 'negative', score: plain[0]?.score });
    const broken = writeFile(dir, 'broken.yaml', 'sentiment:\n  thresholds:\n    en: { negative: 0 }\n');
    const refused = await repwatch(['analyze', '--config', broken], { input });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/broken\.yaml:3: sentiment\.thresholds\.en\.negative: must be below 0/);
    expect(refused.stdout).toBe('');
  });
});
