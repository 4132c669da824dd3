import { Command, Option } from 'commander';
import { analyzeStream } from './analyze.ts';
import { loadConfig } from '../config/load.ts';
import { dbPath, reportError, withDb, writeJsonLine, type GlobalOptions } from './common.ts';
import { scraperRows, targetRows, taskRows } from './lists.ts';
import { parseFile, type ParseCommandOptions } from './parse.ts';
import { runWorker, crawlOnce } from './worker-commands.ts';
import { printDemo } from './demo.ts';
import { customerRows, importCustomers, runTaskCommand, type TaskCommandOptions } from './task-commands.ts';
import { registerAdminCommands } from './admin-commands.ts';
import { registerServeCommands } from './serve-commands.ts';
import { registerDatabaseCommands } from './db-commands.ts';
import { registerQueueCommands } from './queue-commands.ts';

const program = new Command('repwatch')
  .description('Self-hosted reputation and mention monitor')
  .version('0.1.0')
  .addOption(new Option('--db <path>', 'SQLite database file or postgres:// URL (default: $REPWATCH_DATABASE_URL, $REPWATCH_DB or ./repwatch.db)'))
  .addOption(new Option('-c, --config <file>', 'repwatch.yaml (default: $REPWATCH_CONFIG)'));

const globals = (): GlobalOptions => program.opts<GlobalOptions>();
/** Options given after the subcommand (`repwatch demo --db x`) count the same as before it. */
const merged = <T extends object>(local: T): T & GlobalOptions => ({ ...globals(), ...local });

function table(rows: Record<string, unknown>[], columns: string[]): string {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns), ...rows.map((r) => line(columns.map((c) => String(r[c] ?? ''))))].join('\n');
}

program
  .command('demo')
  .description('serve the bundled demo site on 127.0.0.1, crawl it once through the whole pipeline, deliver alerts to a local sink')
  .option('--db <path>', 'database file or postgres:// URL')
  .option('--json', 'print one JSON summary object as the last line')
  .action(async (opts: { db?: string; json?: boolean }) => printDemo(dbPath(merged(opts)), Boolean(opts.json)));

program
  .command('run')
  .description('the scheduled worker: crawl every target on its cron, deliver alerts, until SIGINT/SIGTERM')
  .option('--config <file>', 'repwatch.yaml')
  .option('--db <path>', 'database file or postgres:// URL')
  .action(async (opts: GlobalOptions) => runWorker(merged(opts)));

program
  .command('crawl <target>')
  .description('crawl one target now through the whole pipeline, then deliver its alerts')
  .option('--config <file>', 'repwatch.yaml')
  .option('--db <path>', 'database file or postgres:// URL')
  .option('--json', 'print the crawl result as JSON')
  .action(async (target: string, opts: GlobalOptions & { json?: boolean }) => {
    process.exitCode = await crawlOnce(merged(opts), target, Boolean(opts.json));
  });

program
  .command('analyze')
  .description('read JSON lines {"id","text","lang"?} on stdin, write {"id","lang","score","label"} per line')
  .option('--config <file>', 'repwatch.yaml whose sentiment thresholds apply (only when given here: $REPWATCH_CONFIG is not read)')
  .action(async (opts: GlobalOptions) => {
    let thresholds;
    try {
      const file = merged(opts).config;
      thresholds = file === undefined ? undefined : loadConfig(file, process.env).sentiment.thresholds;
    } catch (error) {
      process.exitCode = reportError(error);
      return;
    }
    let buffer: string[] = [];
    const flush = () => {
      if (buffer.length > 0) process.stdout.write(`${buffer.join('\n')}\n`);
      buffer = [];
    };
    const { failed } = await analyzeStream(
      process.stdin,
      (line) => {
        buffer.push(line);
        if (buffer.length >= 512) flush();
      },
      { thresholds },
    );
    flush();
    if (failed > 0) process.stderr.write(`repwatch analyze: ${failed} line(s) could not be read; see the error lines\n`);
  });

program
  .command('parse <file>')
  .description('parse one saved page or API body with a scraper and print its mentions as JSON lines')
  .requiredOption('--scraper <id>', 'scraper id (see `repwatch scrapers`)')
  .option('--url <url>', 'the URL the body was fetched from (for relative links)')
  .option('--options <json>', 'scraper options as JSON (the generic scrapers need them)')
  .action((file: string, opts: ParseCommandOptions) => {
    const { lines, next } = parseFile(file, opts);
    for (const line of lines) writeJsonLine(line);
    process.stderr.write(`${lines.length} mention(s)${next.length ? `; next: ${next.join(' ')}` : ''}\n`);
  });

program
  .command('scrapers')
  .description('list the built-in scrapers')
  .option('--json', 'JSON array')
  .action((opts: { json?: boolean }) => {
    const rows = scraperRows();
    process.stdout.write(opts.json ? `${JSON.stringify(rows)}\n` : `${table(rows, ['id', 'kind', 'engine', 'description'])}\n`);
  });

program
  .command('targets')
  .description("list the targets with each one's health")
  .option('--db <path>', 'database file or postgres:// URL')
  .option('--json', 'JSON array')
  .action((opts: { db?: string; json?: boolean }) => {
    const rows = withDb(merged(opts), targetRows);
    process.stdout.write(opts.json ? `${JSON.stringify(rows)}\n` : `${table(rows, ['id', 'source', 'health', 'last_ok_at', 'last_error'])}\n`);
  });

program
  .command('tasks')
  .description('the follow-up task inbox, soonest due first')
  .option('--db <path>', 'database file or postgres:// URL')
  .option('--status <list>', 'comma-separated statuses, e.g. open,in_progress')
  .option('--json', 'JSON array')
  .action((opts: { db?: string; json?: boolean; status?: string }) => {
    const rows = withDb(merged(opts), (db) => taskRows(db, opts.status?.split(',').map((s) => s.trim()).filter(Boolean)));
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(rows)}\n`);
      return;
    }
    const flat = rows.map((t) => ({ id: t.id, status: t.status, priority: t.priority, due_at: t.due_at, rating: t.mention.rating ?? '-', source: t.mention.source, text: t.mention.text.slice(0, 60) }));
    process.stdout.write(`${table(flat, ['id', 'status', 'priority', 'due_at', 'rating', 'source', 'text'])}\n`);
  });

program
  .command('task <id>')
  .description('show one task with its history, or change it: status, note, assignee, dispute')
  .option('--db <path>', 'database file or postgres:// URL')
  .option('--status <status>', 'open, in_progress, contacted, resolved or no_contact')
  .option('--note <text>', 'a note for the history (with --status, the reason for the change)')
  .option('--assign <name>', 'give the task to a team member')
  .option('--dispute <reason>', 'mark the negative as outside the team\'s control; a lead approves it')
  .option('--approve-dispute', 'as a lead: exclude the task from the team\'s NRR')
  .option('--reject-dispute', 'as a lead: send the task back to work')
  .option('--actor <name>', 'who is acting (default: $USER)')
  .option('--role <role>', 'viewer, agent, lead or admin (default: agent)')
  .option('--json', 'print the task as JSON')
  .action((id: string, opts: TaskCommandOptions & { db?: string; json?: boolean }) => {
    const task = withDb(merged(opts), (db) => runTaskCommand(db, id, opts, new Date()));
    if (opts.json) return writeJsonLine(task);
    const lines = [
      `task ${task.id}: ${task.status}, ${task.priority}, due ${task.due_at}${task.assignee ? `, ${task.assignee}` : ''}`,
      `  ${task.mention.rating ?? '-'}★ ${task.mention.source} ${task.mention.url ?? ''}`,
      `  ${task.mention.text.slice(0, 200)}`,
      `  customer: ${task.customer ? `${task.customer.name} (${task.customer.confidence})` : 'unknown'}; churn risk ${task.churn_risk ?? '-'}`,
      ...(task.suggestion ? [`  suggestion: ${task.suggestion}`] : []),
      ...(task.reply_draft ? [`  reply draft: ${task.reply_draft}`] : []),
      ...task.events.map((e) => `  ${e.at} ${e.kind}${e.to ? ` → ${e.to}` : ''} by ${e.actor}${e.note ? `: ${e.note}` : ''}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });

const customersCommand = program.command('customers').description('the customers imported from a CRM');
customersCommand
  .command('import <file>')
  .description('import a CSV export (name, email, phone, location, lifetime_value, crm_id, handles); bad rows are reported by line')
  .option('--db <path>', 'database file or postgres:// URL')
  .option('--json', 'print the result as JSON')
  .action((file: string, opts: { db?: string; json?: boolean }) => {
    const result = withDb(merged(opts), (db) => importCustomers(db, file));
    if (opts.json) writeJsonLine(result);
    else {
      process.stdout.write(`${result.imported} imported, ${result.updated} updated, ${result.errors.length} rejected\n`);
      for (const e of result.errors) process.stderr.write(`${file}:${e.line}: ${e.message}\n`);
    }
    if (result.errors.length > 0) process.exitCode = 1;
  });
customersCommand
  .command('list', { isDefault: true })
  .description('list the customers')
  .option('--db <path>', 'database file or postgres:// URL')
  .option('--json', 'JSON array')
  .action((opts: { db?: string; json?: boolean }) => {
    const rows = withDb(merged(opts), (db) => customerRows(db));
    process.stdout.write(opts.json ? `${JSON.stringify(rows)}\n` : `${table(rows, ['id', 'crm_id', 'name', 'email', 'location', 'lifetime_value'])}\n`);
  });

registerServeCommands(program, merged);
registerAdminCommands(program, merged);
registerDatabaseCommands(program, merged);
registerQueueCommands(program, merged);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}
