import { describe, expect, it } from 'vitest';
import { channelTypes } from '../../../src/act/channels/index.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { ConfigError } from '../../../src/config/yaml-file.ts';
import { useTempDir, writeFile } from '../../helpers/temp.ts';

const tempDir = useTempDir();

const yaml = `
channels:
  - name: chat
    type: slack
    url_env: SLACK_HOOK
  - name: tg
    type: telegram
    token_env: TG_TOKEN
    chat_id: -1001234567890
    digest: hourly
  - name: mail
    type: email
    host: smtp.shop.example
    port: 465
    secure: true
    user_env: SMTP_USER
    password_env: SMTP_PASS
    from: "Repwatch <alerts@shop.example>"
    to: [support@shop.example]
  - name: desk
    type: zendesk
    base_url: https://shop.zendesk.com
    email_env: ZD_EMAIL
    token_env: ZD_TOKEN
  - name: tracker
    type: jira
    base_url: https://jira.shop.example
    project: OPS
    token_env: JIRA_TOKEN
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

const env = {
  SLACK_HOOK: 'https://hooks.slack.com/services/T0/B0/secret',
  TG_TOKEN: '123:abc',
  SMTP_USER: 'alerts',
  SMTP_PASS: 'pw-secret',
  ZD_EMAIL: 'agent@shop.example',
  ZD_TOKEN: 'zd-secret',
  JIRA_TOKEN: 'jira-secret',
};

describe('repwatch.yaml with the new channel types', () => {
  it('registers slack, telegram, email, zendesk and jira', () => {
    expect(Object.keys(channelTypes)).toEqual(expect.arrayContaining(['slack', 'telegram', 'email', 'zendesk', 'jira']));
  });

  it('loads every type with its secrets from the environment', () => {
    const config = loadConfig(writeFile(tempDir(), 'repwatch.yaml', yaml), env);
    expect(config.channels.map((c) => [c.name, c.type, c.digest])).toEqual([
      ['chat', 'slack', 'off'],
      ['tg', 'telegram', 'hourly'],
      ['mail', 'email', 'off'],
      ['desk', 'zendesk', 'off'],
      ['tracker', 'jira', 'off'],
    ]);
    expect(config.channels[1]?.settings).toMatchObject({ token: '123:abc', chatId: -1001234567890, apiBase: 'https://api.telegram.org' });
    expect(config.channels[2]?.settings).toMatchObject({ port: 465, secure: true, auth: { user: 'alerts', pass: 'pw-secret' } });
    expect(config.channels[4]?.settings).toMatchObject({ issueType: 'Task', email: null, token: 'jira-secret' });
  });

  it('names the file, line and field of each missing variable, and never prints a secret', () => {
    const { SMTP_PASS: _pass, TG_TOKEN: _token, ...rest } = env;
    let error: unknown;
    try {
      loadConfig(writeFile(tempDir(), 'repwatch.yaml', yaml), rest);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/repwatch\.yaml:\d+: channels\[1\]\.token_env: environment variable TG_TOKEN is not set/);
    expect(message).toMatch(/repwatch\.yaml:\d+: channels\[2\]\.password_env: environment variable SMTP_PASS is not set/);
    for (const secret of Object.values(rest)) if (secret.includes('secret')) expect(message).not.toContain(secret);
  });
});
