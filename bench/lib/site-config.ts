/** Config text and child-process helpers shared by the benchmarks and the reliability tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { siteSelectors } from './review-site.ts';

export interface SiteConfigOptions {
  siteUrl: string;
  targets: string[];
  maxPages?: number;
  concurrency?: number;
  database?: string;
  channels?: Record<string, unknown>[];
  timeoutSecs?: number;
  maxRetries?: number;
}

/** A repwatch.yaml (JSON is YAML) for generic-html targets on the local review site, no politeness delay. */
export function siteConfigText(o: SiteConfigOptions): string {
  return JSON.stringify(
    {
      ...(o.database ? { database: o.database } : {}),
      user_agent: 'repwatch-bench',
      concurrency: o.concurrency ?? 1,
      max_pages: o.maxPages ?? 10_000,
      request_timeout_seconds: o.timeoutSecs ?? 30,
      max_retries: o.maxRetries ?? 2,
      domain_delay_ms: 0,
      channels: o.channels ?? [],
      targets: o.targets.map((id) => ({
        id,
        source: 'generic-html',
        url: `${o.siteUrl}/t/${id}/reviews`,
        cron: '0 0 1 1 *',
        jitter_seconds: 0,
        options: siteSelectors,
      })),
    },
    null,
    2,
  );
}

export const TSX_NODE_ARGS = ['--import', 'tsx'];
const SITE_SCRIPT = fileURLToPath(new URL('./review-site.ts', import.meta.url));

export interface SiteProcess {
  url: string;
  child: ChildProcess;
  add(n: number, target?: string): Promise<void>;
  stats(): Promise<{ hits: number }>;
  close(): Promise<void>;
}

/** The review site in its own process, so a measured crawler does not share its event loop with the server. */
export async function spawnReviewSite(reviews: number, pageSize: number): Promise<SiteProcess> {
  const child = spawn(process.execPath, [...TSX_NODE_ARGS, SITE_SCRIPT, '--reviews', String(reviews), '--page-size', String(pageSize)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`review site exited with ${code}`)));
  });
  return {
    url,
    child,
    async add(n, target) {
      await fetch(`${url}/_control/add?n=${n}${target ? `&t=${encodeURIComponent(target)}` : ''}`, { method: 'POST' });
    },
    async stats() {
      return (await (await fetch(`${url}/_control/stats`)).json()) as { hits: number };
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
