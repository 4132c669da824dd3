import { deliveryCycle } from '../act/cycle.ts';
import { INSTALL_HINT } from '../crawl/browser.ts';
import { findScraper } from '../../scrapers/index.ts';
import { crawlTargets, createWorker } from '../pipeline/worker.ts';
import { startScheduler } from '../schedule/scheduler.ts';
import { closeDb } from '../store/db.ts';
import { dbPath, readConfig, UsageError, writeJsonLine, type GlobalOptions } from './common.ts';
import { createProgress } from './progress.ts';

const DELIVERY_INTERVAL_MS = 15_000;

function warnMissingBrowser(needsBrowser: boolean, chromium: string | null, line: (t: string) => void) {
  if (needsBrowser && !chromium) line(`warning: ${INSTALL_HINT}`);
}

export async function crawlOnce(options: GlobalOptions, targetId: string, json: boolean): Promise<number> {
  const config = readConfig(options, true);
  const target = config.targets.find((t) => t.id === targetId);
  if (!target) throw new UsageError(`no target "${targetId}" in ${config.file}; targets: ${config.targets.map((t) => t.id).join(', ') || 'none'}`);
  const worker = createWorker(config, dbPath(options, config));
  const progress = createProgress(process.stderr, json);
  try {
    warnMissingBrowser(findScraper(target.source)?.engine === 'browser', worker.settings.chromiumPath, progress.line);
    const [result] = await crawlTargets(worker, [target], { progress });
    const delivered = await deliveryCycle(worker.db, { channels: config.channels, slaAlerts: config.alerts.sla, write: progress.line });
    progress.end();
    if (json) writeJsonLine({ ...result, alerts_sent: delivered.sent, alerts_pending: delivered.pending });
    return result && result.health !== 'ok' ? 1 : 0;
  } finally {
    closeDb(worker.db);
  }
}

/** The long-running worker: cron per target, outbox delivery on a timer, graceful stop on a signal. */
export async function runWorker(options: GlobalOptions): Promise<void> {
  const config = readConfig(options, true);
  const active = config.targets.filter((t) => t.enabled);
  if (active.length === 0) throw new UsageError(`${config.file} has no enabled targets; add one under targets: (see README, "Configuration")`);
  const worker = createWorker(config, dbPath(options, config));
  const progress = createProgress(process.stderr);
  warnMissingBrowser(active.some((t) => findScraper(t.source)?.engine === 'browser'), worker.settings.chromiumPath, progress.line);
  const byId = new Map(active.map((t) => [t.id, t]));

  let delivering = Promise.resolve();
  const deliver = () => {
    delivering = delivering
      .then(() => deliveryCycle(worker.db, { channels: config.channels, slaAlerts: config.alerts.sla, write: progress.line }))
      .then((r) => (r.sent || r.failed ? progress.line(`alerts: ${r.sent} sent, ${r.failed} to retry, ${r.pending} pending`) : undefined))
      .catch((e: unknown) => progress.line(`alerts: delivery failed: ${(e as Error).message}`));
    return delivering;
  };

  const scheduler = startScheduler(
    active,
    async (id, signal) => {
      const target = byId.get(id);
      if (!target) return;
      await crawlTargets(worker, [target], { progress, signal });
      await deliver();
    },
    { onError: (id, e) => progress.line(`${id}: crawl failed: ${(e as Error).message}`) },
  );
  const timer = setInterval(() => void deliver(), DELIVERY_INTERVAL_MS);
  progress.line(`repwatch: watching ${active.length} target(s); database ${dbPath(options, config)}; Ctrl-C to stop`);

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      progress.line(`repwatch: ${signal}: finishing crawls in flight…`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  clearInterval(timer);
  await scheduler.stop();
  await deliver();
  progress.end();
  closeDb(worker.db);
}
