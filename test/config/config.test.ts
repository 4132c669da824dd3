import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.ts';
import { createWorker } from '../../src/pipeline/worker.ts';
import { closeDb } from '../../src/store/db.ts';
import { useTempDir, writeFile } from '../helpers/temp.ts';

const tempDir = useTempDir();

const good = `
rules_dir: ./my-rules
channels:
  - name: ops
    type: webhook
    url_env: OPS_WEBHOOK_URL
    secret_env: OPS_WEBHOOK_SECRET
targets:
  - id: shop-reviews
    source: generic-html
    url: http://127.0.0.1:9/reviews
    cron: "*/30 * * * *"
    timezone: Europe/Moscow
    options:
      item: article.review
      fields: { text: .text, rating: ".stars@data-rating" }
`;

function fails(yaml: string, env: Record<string, string> = {}): ConfigError {
  const file = writeFile(tempDir(), 'repwatch.yaml', yaml);
  try {
    loadConfig(file, env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected the config to be refused');
}

describe('repwatch.yaml', () => {
  it('loads targets with their scraper options, channels with secrets from the environment, paths relative to the file', () => {
    const dir = tempDir();
    const config = loadConfig(writeFile(dir, 'repwatch.yaml', good), { OPS_WEBHOOK_URL: 'http://127.0.0.1:1/hook', OPS_WEBHOOK_SECRET: 's3cret' });
    expect(config.rulesDir).toBe(`${dir}/my-rules`);
    expect(config.targets[0]).toMatchObject({ id: 'shop-reviews', timezone: 'Europe/Moscow', jitter_seconds: 30, scraperOptions: { item: 'article.review', rating_scale: 5 } });
    expect(config.channels[0]).toMatchObject({ name: 'ops', type: 'webhook', settings: { url: 'http://127.0.0.1:1/hook', secret: 's3cret', timeoutMs: 10_000 } });
  });

  it('names file, line and field for a wrong type', () => {
    const e = fails(good.replace('cron: "*/30 * * * *"', 'cron: 30'), { OPS_WEBHOOK_URL: 'x', OPS_WEBHOOK_SECRET: 'y' });
    expect(e.message).toMatch(/repwatch\.yaml:12: targets\[0\]\.cron: .*string/);
  });

  it('names a bad cron expression and time zone', () => {
    const e = fails(good.replace('"*/30 * * * *"', '"every hour"').replace('Europe/Moscow', 'Mars/Olympus'), { OPS_WEBHOOK_URL: 'x', OPS_WEBHOOK_SECRET: 'y' });
    expect(e.message).toMatch(/:12: targets\[0\]\.cron: "every hour" is not a cron expression/);
    expect(e.message).toMatch(/:13: targets\[0\]\.timezone: "Mars\/Olympus" is not an IANA time zone/);
  });

  it('names an unknown source and lists the known ones', () => {
    const e = fails(good.replace('source: generic-html', 'source: myspace'), { OPS_WEBHOOK_URL: 'x', OPS_WEBHOOK_SECRET: 'y' });
    expect(e.message).toMatch(/:10: targets\[0\]\.source: unknown source "myspace"; one of: .*generic-html/);
  });

  it("checks a target's options against its scraper's own schema", () => {
    const e = fails(good.replace('item: article.review', 'item: 42'), { OPS_WEBHOOK_URL: 'x', OPS_WEBHOOK_SECRET: 'y' });
    expect(e.message).toMatch(/:15: targets\[0\]\.options\.item: .*string/);
  });

  it('names an unknown key on its own line', () => {
    const e = fails(good.replace('    timezone:', '    time_zone: UTC\n    timezone:'), { OPS_WEBHOOK_URL: 'x', OPS_WEBHOOK_SECRET: 'y' });
    expect(e.problems).toContainEqual(expect.objectContaining({ line: 13, field: 'targets[0]' }));
  });

  it('says which environment variable is missing, and never prints a secret', () => {
    const e = fails(good, { OPS_WEBHOOK_SECRET: 'top-secret-value' });
    expect(e.message).toMatch(/channels\[0\]\.url_env: environment variable OPS_WEBHOOK_URL is not set/);
    expect(e.message).not.toContain('top-secret-value');
  });

  it('names an unknown channel type and a channel field of the wrong type', () => {
    const e = fails(good.replace('type: webhook', 'type: pager'), {});
    expect(e.message).toMatch(/:5: channels\[0\]\.type: unknown channel type "pager"; one of: webhook, log/);
    const f = fails(good.replace('secret_env: OPS_WEBHOOK_SECRET', 'secret_env: OPS_WEBHOOK_SECRET\n    timeout_seconds: soon'), { OPS_WEBHOOK_URL: 'x', OPS_WEBHOOK_SECRET: 'y' });
    expect(f.message).toMatch(/:8: channels\[0\]\.timeout_seconds: .*number/);
  });

  it('names a file that does not exist', () => {
    expect(() => loadConfig('/nonexistent/repwatch.yaml', {})).toThrow(/cannot read config \/nonexistent\/repwatch\.yaml: ENOENT/);
  });
});

describe('sentiment thresholds in repwatch.yaml', () => {
  it('set per language, each bound on its own; the rest keep their defaults', () => {
    const dir = tempDir();
    const config = loadConfig(writeFile(dir, 'repwatch.yaml', 'sentiment:\n  thresholds:\n    en: { negative: -0.3 }\n'), {});
    expect(config.sentiment.thresholds).toEqual({ en: { negative: -0.3 } });
    const worker = createWorker(config, join(dir, 'w.db'));
    try {
      // One faint complaint word scores about -0.33: flagged only with the lower bound.
      expect(worker.deps.analyzer.analyze('Miss the old app.', 'en').label).toBe('negative');
      expect(worker.deps.analyzer.analyze('fine app', 'en').label).toBe('neutral');
    } finally {
      closeDb(worker.db);
    }
    const plain = createWorker(loadConfig(writeFile(dir, 'plain.yaml', 'targets: []\n'), {}), join(dir, 'p.db'));
    try {
      expect(plain.deps.analyzer.analyze('Miss the old app.', 'en').label).toBe('neutral');
    } finally {
      closeDb(plain.db);
    }
  });
  it('a bound of 0 or on the wrong side, and an unknown language, are named', () => {
    const zero = fails('sentiment:\n  thresholds:\n    en:\n      negative: 0\n');
    expect(zero.message).toMatch(/:4: sentiment\.thresholds\.en\.negative: must be below 0/);
    const wrong = fails('sentiment:\n  thresholds:\n    ru:\n      positive: -0.2\n');
    expect(wrong.message).toMatch(/:4: sentiment\.thresholds\.ru\.positive: must be above 0/);
    const lang = fails('sentiment:\n  thresholds:\n    de: { negative: -0.2 }\n');
    expect(lang.message).toMatch(/sentiment\.thresholds/);
  });
});
