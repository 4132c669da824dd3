import type { Command } from 'commander';
import { closeDb, openDb } from '../store/db.ts';
import { startServer } from '../serve/server.ts';
import { createToken, listTokens, revokeToken, ROLES, TokenError, type Role } from '../serve/tokens.ts';
import { dbPath, readConfig, UsageError, withDb, writeJsonLine, type GlobalOptions } from './common.ts';

function port(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${text}"`);
  return n;
}

/** `repwatch serve` and `repwatch token`: the dashboard and API (see src/serve). */
export function registerServeCommands(program: Command, merged: <T extends object>(local: T) => T & GlobalOptions): void {
  program
    .command('serve')
    .description('serve the dashboard, the JSON API (/api, /openapi.json) and the reviews widget (/widget.js)')
    .option('--db <path>', 'database file or postgres:// URL')
    .option('--config <file>', 'repwatch.yaml')
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--brand <name>', 'organisation name in the JSON-LD and the feed', 'Our company')
    .action(async (opts: GlobalOptions & { port: string; host: string; brand: string }) => {
      const options = merged(opts);
      const db = openDb(dbPath(options, readConfig(options)));
      const running = await startServer(db, { host: opts.host, port: port(opts.port), brand: opts.brand }).catch((e: unknown) => {
        closeDb(db);
        throw new UsageError(`cannot listen on ${opts.host}:${opts.port}: ${(e as Error).message}`);
      });
      // The first stdout line is the address, so scripts and tests can read the port.
      process.stdout.write(`repwatch serve: listening on ${running.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      closeDb(db);
    });

  const token = program.command('token').description('API and dashboard tokens: create, list, revoke');
  token
    .command('create')
    .description('create a token and print it once (only its SHA-256 hash is stored)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'who or what uses it', 'token')
    .option('--db <path>', 'database file or postgres:// URL')
    .option('--json', 'print {"id","name","role","token"}')
    .action((opts: GlobalOptions & { role: string; name: string; json?: boolean }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const created = withDb(merged(opts), (db) => createToken(db, opts.role as Role, opts.name));
      if (opts.json) return writeJsonLine(created);
      process.stdout.write(`${created.token}\n`);
      process.stderr.write(`token ${created.id} (${created.name}, ${created.role}) created; it is shown only now\n`);
    });
  token
    .command('list')
    .description('list the tokens (never the tokens themselves)')
    .option('--db <path>', 'database file or postgres:// URL')
    .option('--json', 'JSON array')
    .action((opts: GlobalOptions & { json?: boolean }) => {
      const rows = withDb(merged(opts), listTokens);
      if (opts.json) return void process.stdout.write(`${JSON.stringify(rows)}\n`);
      for (const r of rows) process.stdout.write(`${r.id}\t${r.role}\t${r.name}\tcreated ${r.created_at}\tlast used ${r.last_used_at ?? '-'}${r.revoked_at ? `\trevoked ${r.revoked_at}` : ''}\n`);
    });
  token
    .command('revoke <id>')
    .description('revoke a token; its dashboard sessions end at once')
    .option('--db <path>', 'database file or postgres:// URL')
    .action((id: string, opts: GlobalOptions) => {
      const n = Number(id);
      if (!Number.isInteger(n) || n <= 0) throw new UsageError(`"${id}" is not a token id; see \`repwatch token list\``);
      withDb(merged(opts), (db) => {
        try {
          revokeToken(db, n, new Date());
        } catch (e) {
          if (e instanceof TokenError) throw new UsageError(e.message);
          throw e;
        }
      });
      process.stdout.write(`token ${n} revoked\n`);
    });
}
