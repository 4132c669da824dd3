/**
 * memory: peak RSS (VmHWM, read by the child from /proc/self/status; the parent
 * also samples /proc/PID/status every 100 ms) of the real worker watching
 * 100 HTTP targets for 10 cycles, in its own process.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerHeapArgs } from '../../bin/worker-heap.mjs';
import { TSX_NODE_ARGS, spawnReviewSite } from './site-config.ts';

export interface MemoryBench {
  targets: number;
  cycles: number;
  pages_per_target: number;
  rss_mb_100_targets: number;
  sampled_peak_mb: number;
  first_cycle_rss_mb: number;
  last_cycle_rss_mb: number;
  seconds: number;
}

function sampleKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export async function benchMemory(opts: { targets: number; cycles: number; reviews: number; pageSize: number }): Promise<MemoryBench> {
  const site = await spawnReviewSite(opts.reviews, opts.pageSize);
  const dir = mkdtempSync(join(tmpdir(), 'repwatch-rss-'));
  const script = fileURLToPath(new URL('./rss-worker.ts', import.meta.url));
  const start = performance.now();
  try {
    // The same heap cap bin/repwatch.mjs gives `repwatch run`.
    const child = fork(script, [site.url, dir, String(opts.targets), String(opts.cycles)], { execArgv: [...TSX_NODE_ARGS, ...workerHeapArgs()], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let sampled = 0;
    const timer = setInterval(() => (sampled = Math.max(sampled, sampleKb(child.pid!))), 100);
    child.on('message', (msg) => {
      if (msg === 'add') void site.add(1).then(() => child.send('ok'));
    });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(timer);
    if (code !== 0) throw new Error(`memory worker exited with ${code}`);
    const report = JSON.parse(out.trim().split('\n').pop()!) as { peak_rss_mb: number; cycles: { rss_mb: number }[] };
    return {
      targets: opts.targets,
      cycles: opts.cycles,
      pages_per_target: Math.ceil(opts.reviews / opts.pageSize),
      rss_mb_100_targets: report.peak_rss_mb,
      sampled_peak_mb: sampled / 1024,
      first_cycle_rss_mb: report.cycles[0]?.rss_mb ?? 0,
      last_cycle_rss_mb: report.cycles.at(-1)?.rss_mb ?? 0,
      seconds: (performance.now() - start) / 1000,
    };
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
