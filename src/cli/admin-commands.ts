import type { Command } from 'commander';
import { backupDatabase } from '../store/backup.ts';
import { dbPath, readConfig, writeJsonLine, type GlobalOptions } from './common.ts';

/** Maintenance commands such as `repwatch backup`. */
export function registerAdminCommands(program: Command, merged: <T extends object>(local: T) => T & GlobalOptions): void {
  program
    .command('backup <file>')
    .description('write a consistent copy of the database to FILE, safe while the worker runs (SQLite online backup, then integrity_check)')
    .option('--db <path>', 'database file or postgres:// URL')
    .option('--config <file>', 'repwatch.yaml (for its database)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: GlobalOptions & { json?: boolean }) => {
      const options = merged(opts);
      const result = await backupDatabase(dbPath(options, readConfig(options)), file);
      if (opts.json) writeJsonLine(result);
      else process.stdout.write(`backed up ${result.source} to ${result.file}: ${result.bytes} bytes, ${result.mentions} mentions, integrity ok, ${result.seconds.toFixed(2)} s\n`);
    });
}
