/**
 * Bad config and rule files through the real CLI: exit 2, and on stderr one
 * clear `FILE:LINE: field: what is expected` per problem, never a stack trace.
 * (The parsers' own cases are in test/config and test/rules; these add the
 * end-to-end path and the cases they leave out: a top-level unknown key, a
 * top-level wrong type, several problems at once, a rule naming a channel the
 * config lacks, and a bad regex, as the worker loads them.)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repwatch } from '../helpers/cli.ts';
import { useTempDir, writeFile } from '../helpers/temp.ts';

const tempDir = useTempDir();

const base = (extra = '', target = '') => `database: ./x.db
domain_delay_ms: 0
channels:
  - name: ops
    type: log
targets:
  - id: shop
    source: generic-html
    url: http://127.0.0.1:1/reviews
    cron: "*/30 * * * *"
    options:
      item: article.review
      fields: { text: .text }
${target}${extra}`;

async function fails(config: string, rules?: string): Promise<string> {
  const dir = tempDir();
  let text = config;
  if (rules !== undefined) {
    mkdirSync(join(dir, 'rules'));
    writeFile(join(dir, 'rules'), 'team.yaml', rules);
    text = `rules_dir: ./rules\n${config}`;
  }
  const file = writeFile(dir, 'repwatch.yaml', text);
  const run = await repwatch(['crawl', 'shop', '--config', file]);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(run.stderr).not.toMatch(/unexpected error/);
  return run.stderr.replaceAll(`${file}`, 'CONFIG').replaceAll(join(dir, 'rules', 'team.yaml'), 'RULES');
}

describe('config and rule errors through the CLI', () => {
  it('an unknown top-level key and a wrong top-level type: both at once, each with its line', async () => {
    const err = await fails(base('concurency: 2\nmax_pages: lots\n'));
    expect(err).toMatch(/CONFIG:14: .*Unrecognized key: "concurency"/);
    expect(err).toMatch(/CONFIG:15: max_pages: .*number/);
  });

  it('a cron expression out of range', async () => {
    // Checked after the schema passes: a file with type errors reports those first.
    const err = await fails(base().replace('"*/30 * * * *"', '"61 * * * *"'));
    expect(err).toMatch(/CONFIG:10: targets\[0\]\.cron: "61 \* \* \* \*" is not a cron expression/);
  });

  it('a wrong type inside a target', async () => {
    const err = await fails(base('', '    max_pages: "10"\n'));
    expect(err).toMatch(/CONFIG:14: targets\[0\]\.max_pages: .*number/);
  });

  it('an unknown channel named by a rule', async () => {
    const err = await fails(base(), 'rules:\n  - id: low\n    when: { rating: { lte: 2 } }\n    then:\n      alert: [ops, pager]\n');
    expect(err).toMatch(/RULES:5: rules\[0\]\.then\.alert\[1\]: unknown alert channel "pager"/);
  });

  it('a regex that does not compile in a rule', async () => {
    const err = await fails(base(), 'rules:\n  - id: bad\n    when:\n      text: { regex: "([a-z" }\n    then: { flag: true }\n');
    expect(err).toMatch(/RULES:4: rules\[0\]\.when\.text\.regex: not a valid regular expression/);
  });

  it('an unknown key in a rule', async () => {
    const err = await fails(base(), 'rules:\n  - id: low\n    when: { rating: { lte: 2 } }\n    then: { flag: true, escalate: true }\n');
    expect(err).toMatch(/RULES:4: rules\[0\]\.then: Unrecognized key: "escalate"/);
  });
});
