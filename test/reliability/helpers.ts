/** Shared by the reliability tests: a slow deduping webhook sink and a killable CLI child. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BIN } from '../helpers/cli.ts';
import { prng } from '../../bench/lib/prng.ts';

export { prng };

export interface SlowSink {
  url: string;
  /** Unique alerts by Idempotency-Key. */
  keys: Set<string>;
  /** Every POST that reached the handler, repeats included. */
  requests: number;
  /** POSTs whose answer never got out (the sender vanished mid-request). */
  cut: number;
  close(): Promise<void>;
}

/** A webhook receiver that dedupes by Idempotency-Key and answers only after `delayMs`. */
export async function startSlowSink(delayMs: number): Promise<SlowSink> {
  const sink = { keys: new Set<string>(), requests: 0, cut: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      sink.requests++;
      const key = String(req.headers['idempotency-key'] ?? '');
      // The alert counts as received when it arrives (as a real receiver would commit it), before the slow answer.
      if (key) sink.keys.add(key);
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      setTimeout(() => {
        if (res.destroyed || req.socket.destroyed) {
          sink.cut++;
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(sink, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

export interface Child {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The real executable (bin/repwatch.mjs) as a child process. */
export function startCli(args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Child = {
    child,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out.stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out.stderr += d));
  return out;
}

