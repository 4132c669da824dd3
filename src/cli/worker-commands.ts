import { deliveryCycle } from '../act/cycle.ts';
import { INSTALL_HINT } from '../crawl/browser.ts';
import { findScraper } from '../../scrapers/index.ts';
import { crawlTargets, createWorker } from '../pipeline/worker.ts';
import { startScheduler } from '../schedule/scheduler.ts';
import { closeDb, StorageError } from '../store/db.ts';
import { isPostgresClient } from '../store/pg/database.ts';
import { lockKeys, queueLocation } from '../queue/connection.ts';
import { lockOneTarget } from '../queue/locks.ts';
import { startQueueWorker } from '../queue/queue-worker.ts';
import { isPostgresUrl } from '../store/pg/url.ts';
import { dbPath, readConfig, UsageError, writeJsonLine, type GlobalOptions } from './common.ts';
import { createProgress } from './progress.ts';

const DELIVERY_INTERVAL_MS = 15_000;

function warnMissingBrowser(needsBrowser: boolean, chromium: string | null, line: (t: string) => void) {
  if (needsBrowser && !chromium) line(`warning: ${INSTALL_HINT}`);
}

/** Beside `repwatch run` workers on PostgreSQL, a one-off crawl takes the per-target lock they take (src/queue/job-handler.ts). */
async function lockAgainstWorkers(location: string, targetId: string): Promise<{ release(): Promise<void> } | null> {
  if (!isPostgresUrl(location)) return null;
  const where = queueLocation(location);
  const lock = await lockOneTarget(where.connectionString, lockKeys.target(where.schema, targetId)).catch((cause: unknown) => {
    throw new StorageError(`cannot take the crawl lock of "${targetId}" in ${where.display}: ${(cause as Error).message}`, where.display, { cause });
  });
  if (!lock) throw new UsageError(`target "${targetId}" is being crawled by a \`repwatch run\` worker right now; wait for it to finish, or queue another crawl with \`repwatch enqueue ${targetId}\``);
  return lock;
}

export async function crawlOnce(options: GlobalOptions, targetId: string, json: boolean): Promise<number> {
  const config = readConfig(options, true);
  const target = config.targets.find((t) => t.id === targetId);
  if (!target) throw new UsageError(`no target "${targetId}" in ${config.file}; targets: ${config.targets.map((t) => t.id).join(', ') || 'none'}`);
  const location = dbPath(options, config);
  const worker = createWorker(config, location);
  const lock = await lockAgainstWorkers(location, targetId).catch((e: unknown) => {
    closeDb(worker.db);
    throw e;
  });
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
    await lock?.release();
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * The long-running worker: cron per target, outbox delivery on a timer,
 * graceful stop on a signal. On SQLite it is the only worker and crawls what
 * its cron says; on PostgreSQL it is one of several that share a crawl queue
 * (src/queue).
 */
export async function runWorker(options: GlobalOptions): Promise<void> {
  const config = readConfig(options, true);
  const active = config.targets.filter((t) => t.enabled);
  if (active.length === 0) throw new UsageError(`${config.file} has no enabled targets; add one under targets: (see README, "Configuration")`);
  const location = dbPath(options, config);
  const worker = createWorker(config, location);
  const progress = createProgress(process.stderr);
  warnMissingBrowser(active.some((t) => findScraper(t.source)?.engine === 'browser'), worker.settings.chromiumPath, progress.line);
  const shared = isPostgresClient(worker.db.$client);
  // Workers sharing an outbox lease what they send, so two never send one alert at once.
  const leaseMs = shared ? config.queue.delivery_lease_seconds * 1000 : 0;

  let delivering = Promise.resolve();
  const deliver = () => {
    delivering = delivering
      .then(() => deliveryCycle(worker.db, { channels: config.channels, slaAlerts: config.alerts.sla, write: progress.line, leaseMs }))
      .then((r) => (r.sent || r.failed ? progress.line(`alerts: ${r.sent} sent, ${r.failed} to retry, ${r.pending} pending`) : undefined))
      .catch((e: unknown) => progress.line(`alerts: delivery failed: ${(e as Error).message}`));
    return delivering;
  };

  let stopCrawls: () => Promise<void>;
  if (shared) {
    const queued = await startQueueWorker({ worker, location, targets: active, deliver, log: progress.line, progress }).catch((e: unknown) => {
      closeDb(worker.db);
      throw e;
    });
    stopCrawls = () => queued.stop();
  } else {
    const byId = new Map(active.map((t) => [t.id, t]));
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
    progress.line(`repwatch: watching ${active.length} target(s); database ${location}; Ctrl-C to stop`);
    stopCrawls = () => scheduler.stop();
  }
  const timer = setInterval(() => void deliver(), DELIVERY_INTERVAL_MS);

  const signal = await untilStopSignal();
  progress.line(`repwatch: ${signal}: finishing crawls in flight…`);
  clearInterval(timer);
  await stopCrawls();
  await deliver();
  progress.end();
  closeDb(worker.db);
}
