import type { Command } from 'commander';
import { queueLocation } from '../queue/connection.ts';
import { CRAWL_QUEUE, openCrawlQueue } from '../queue/crawl-queue.ts';
import { isPostgresUrl } from '../store/pg/url.ts';
import { dbPath, readConfig, UsageError, writeJsonLine, type GlobalOptions } from './common.ts';

interface EnqueueOptions extends GlobalOptions {
  all?: boolean;
  json?: boolean;
}

/** `repwatch enqueue`: crawl jobs for the workers sharing a PostgreSQL database (README, "PostgreSQL: several workers"). */
export function registerQueueCommands(program: Command, merged: <T extends object>(local: T) => T & GlobalOptions): void {
  program
    .command('enqueue [targets...]')
    .description('put targets on the crawl queue now, for the `repwatch run` workers on PostgreSQL to crawl (a target already waiting is not queued twice)')
    .option('--all', 'every enabled target in the config')
    .option('--config <file>', 'repwatch.yaml')
    .option('--db <url>', 'postgres:// URL (default: $REPWATCH_DATABASE_URL)')
    .option('--json', 'one JSON line per target: {"target","queued","job_id"}')
    .action(async (ids: string[], opts: EnqueueOptions) => {
      const options = merged(opts);
      const config = readConfig(options, true);
      const location = dbPath(options, config);
      if (!isPostgresUrl(location)) {
        throw new UsageError(
          `repwatch enqueue needs the crawl queue, which lives in PostgreSQL: set REPWATCH_DATABASE_URL (or pass --db postgres://…) for the workers and this command; with SQLite (${location}) use \`repwatch crawl TARGET\``,
        );
      }
      const enabled = config.targets.filter((t) => t.enabled);
      if (opts.all && ids.length > 0) throw new UsageError('pass target ids or --all, not both');
      if (!opts.all && ids.length === 0) throw new UsageError(`name the targets to queue, or pass --all; targets: ${enabled.map((t) => t.id).join(', ') || 'none'}`);
      const unknown = ids.filter((id) => !enabled.some((t) => t.id === id));
      if (unknown.length > 0) {
        throw new UsageError(`no enabled target ${unknown.map((id) => `"${id}"`).join(', ')} in ${config.file}; targets: ${enabled.map((t) => t.id).join(', ') || 'none'}`);
      }
      const wanted = opts.all ? enabled.map((t) => t.id) : [...new Set(ids)];
      const where = queueLocation(location);
      const queue = await openCrawlQueue(where, config.queue, { supervise: false, onError: (e) => process.stderr.write(`repwatch: queue: ${e.message}\n`) });
      try {
        const results = await queue.enqueue(wanted);
        for (const r of results) {
          if (opts.json) writeJsonLine({ target: r.target, queued: r.queued, job_id: r.jobId });
          else process.stdout.write(`${r.queued ? 'queued' : 'already queued'}  ${r.target}\n`);
        }
        if (!opts.json) {
          const n = results.filter((r) => r.queued).length;
          process.stderr.write(`repwatch: ${n} queued, ${results.length - n} already waiting, on ${CRAWL_QUEUE} in ${where.bossSchema}\n`);
        }
      } finally {
        await queue.close();
      }
    });
}
