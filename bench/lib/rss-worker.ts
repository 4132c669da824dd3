/**
 * Child process for the memory benchmark: the real worker (createWorker +
 * crawlTargets, the same code `repwatch run` calls on each cron tick) watching
 * N HTTP targets of the local review site for C cycles. Between cycles the
 * parent adds a new review to every target (IPC "add"), so every cycle stores
 * something. Reports its peak RSS (VmHWM) as the last stdout line, JSON.
 *
 *   node --import tsx bench/lib/rss-worker.ts SITE_URL DIR TARGETS CYCLES
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigText } from '../../src/config/load.ts';
import { crawlTargets, createWorker } from '../../src/pipeline/worker.ts';
import { deliveryCycle } from '../../src/act/cycle.ts';
import { closeDb } from '../../src/store/db.ts';
import { siteConfigText } from './site-config.ts';

function statusKb(field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : Math.round(process.memoryUsage().rss / 1024);
}

const [siteUrl, dir, targetCount, cycleCount] = process.argv.slice(2);
const ids = Array.from({ length: Number(targetCount) }, (_, i) => `t${i}`);
const config = loadConfigText(siteConfigText({ siteUrl: siteUrl!, targets: ids, concurrency: 2 }), join(dir!, 'repwatch.yaml'), {});
const worker = createWorker(config, join(dir!, 'rss.db'));
const perCycle: { cycle: number; seconds: number; pages: number; new: number; rss_mb: number }[] = [];
const ask = (msg: string) =>
  new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!(msg);
  });

for (let cycle = 1; cycle <= Number(cycleCount); cycle++) {
  const start = performance.now();
  const results = await crawlTargets(worker, config.targets, { concurrency: config.concurrency });
  await deliveryCycle(worker.db, { channels: config.channels, slaAlerts: config.alerts.sla, write: () => undefined });
  const failed = results.filter((r) => r.error);
  if (failed.length > 0) throw new Error(`cycle ${cycle}: ${failed.length} targets failed: ${failed[0]?.error}`);
  perCycle.push({
    cycle,
    seconds: (performance.now() - start) / 1000,
    pages: results.reduce((n, r) => n + r.pages, 0),
    new: results.reduce((n, r) => n + r.new, 0),
    rss_mb: statusKb('VmRSS') / 1024,
  });
  await ask('add');
}
closeDb(worker.db);
process.stdout.write(`${JSON.stringify({ peak_rss_mb: statusKb('VmHWM') / 1024, cycles: perCycle })}\n`);
process.exit(0);
