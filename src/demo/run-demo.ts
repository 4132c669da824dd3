import { count, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { deliveryCycle } from '../act/cycle.ts';
import { importCustomersCsv } from '../act/customers.ts';
import { DEMO_CUSTOMERS_CSV } from './customers.ts';
import { INSTALL_HINT } from '../crawl/browser.ts';
import { loadConfigText } from '../config/load.ts';
import { crawlTargets, createWorker } from '../pipeline/worker.ts';
import type { TargetRunResult } from '../pipeline/run-target.ts';
import { closeDb } from '../store/db.ts';
import { flags, mentions, tasks } from '../store/schema.ts';
import { startWebhookSink } from './sink.ts';
import { startDemoSite } from './site.ts';
import type { Progress } from '../cli/progress.ts';

export interface DemoSummary {
  mentions_new: number;
  mentions_changed: number;
  mentions_total: number;
  flagged: number;
  flagged_total: number;
  tasks_opened: number;
  tasks_open: number;
  alerts_sent: number;
  alerts_pending: number;
  marketing_candidates: number;
  browser: boolean;
  targets: { id: string; health: string; pages: number; items: number; new: number; error: string | null }[];
}

const REVIEW_FIELDS = {
  id: '@data-id',
  author: '.author',
  rating: '.stars@data-rating',
  title: '.title',
  text: '.text',
  date: 'time@datetime',
  location: '.location',
};

/** The demo's config, built as the YAML a user would write, so it goes through the same validation. */
export function demoConfigYaml(siteUrl: string, sinkUrl: string, withBrowser: boolean): string {
  const targets: Record<string, unknown>[] = [
    { id: 'northwind-reviews', name: 'Northwind Coffee reviews', source: 'generic-html', url: `${siteUrl}/reviews`, cron: '*/15 * * * *', options: { item: 'article.review', fields: { ...REVIEW_FIELDS, url: 'a.permalink@href' }, next: 'a.next@href' } },
  ];
  if (withBrowser) {
    targets.push({ id: 'northwind-app', name: 'Northwind app reviews', source: 'generic-browser', url: `${siteUrl}/app/reviews`, cron: '*/30 * * * *', options: { item: 'article.review', fields: REVIEW_FIELDS, next: 'a.next@href', wait_for: 'article.review' } });
  }
  return stringify({
    concurrency: 2,
    request_timeout_seconds: 15,
    // The bundled site is ours and local: no need to space requests out.
    domain_delay_ms: 0,
    channels: [{ name: 'demo-sink', type: 'webhook', url: sinkUrl, secret_env: 'REPWATCH_DEMO_SECRET' }],
    targets,
  });
}

/** Serves the bundled site and an alert sink on 127.0.0.1, runs the whole pipeline once, and counts. */
export async function runDemo(dbPath: string, progress: Progress, chromiumAvailable: (path: string | undefined) => boolean): Promise<DemoSummary> {
  const site = await startDemoSite();
  const secret = randomBytes(16).toString('hex');
  const sink = await startWebhookSink(secret);
  try {
    const withBrowser = chromiumAvailable(process.env.REPWATCH_CHROMIUM);
    if (!withBrowser) progress.line(`demo: skipping the JavaScript-rendered page: ${INSTALL_HINT}`);
    const env = { ...process.env, REPWATCH_DEMO_SECRET: secret };
    const config = loadConfigText(demoConfigYaml(site.url, sink.url, withBrowser), 'demo.repwatch.yaml', env);
    const worker = createWorker(config, dbPath, { env });
    try {
      progress.line(`demo: site ${site.url}, alert sink ${sink.url}, database ${dbPath}`);
      // The CRM export a team would import, so tasks show who the unhappy customers are.
      importCustomersCsv(worker.db, DEMO_CUSTOMERS_CSV);
      const results: TargetRunResult[] = await crawlTargets(worker, config.targets, { progress });
      const delivered = await deliveryCycle(worker.db, { channels: config.channels, slaAlerts: config.alerts.sla });
      const db = worker.db;
      const total = (q: { n: number } | undefined) => q?.n ?? 0;
      const sum = (key: 'new' | 'changed' | 'flagged' | 'tasksOpened') => results.reduce((n, r) => n + r[key], 0);
      return {
        mentions_new: sum('new'),
        mentions_changed: sum('changed'),
        mentions_total: total(db.select({ n: count() }).from(mentions).get()),
        flagged: sum('flagged'),
        flagged_total: total(db.select({ n: count() }).from(flags).get()),
        tasks_opened: sum('tasksOpened'),
        tasks_open: total(db.select({ n: count() }).from(tasks).where(eq(tasks.status, 'open')).get()),
        alerts_sent: delivered.sent,
        alerts_pending: delivered.pending,
        marketing_candidates: total(db.select({ n: count() }).from(mentions).where(eq(mentions.marketing, 'candidate')).get()),
        browser: withBrowser,
        targets: results.map((r) => ({ id: r.targetId, health: r.health, pages: r.pages, items: r.seen, new: r.new, error: r.error })),
      };
    } finally {
      closeDb(worker.db);
    }
  } finally {
    await Promise.all([site.close(), sink.close()]);
  }
}
