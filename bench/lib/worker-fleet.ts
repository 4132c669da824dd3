/**
 * `repwatch run` workers as real child processes, for the multi-worker
 * benchmark and tests (test/pg/workers.test.ts): start N on one database,
 * wait for them to be ready, read their logs, stop or kill them, and never
 * leave one behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/repwatch.mjs', import.meta.url));

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  /** Everything it wrote to stderr so far (progress and log lines). */
  log(): string;
  /** Resolves once the worker said it is taking jobs; rejects if it exits first. */
  ready: Promise<void>;
  /** Exit code, or the signal name when killed. */
  exited: Promise<number | string>;
  alive(): boolean;
}

/** The worker's own Node process: no heap-cap re-spawn (bin/repwatch.mjs), so the pid we signal is the one that works. */
export function startWorker(config: string, database: string, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'run', '--config', config], {
    env: { ...process.env, REPWATCH_DATABASE_URL: database, REPWATCH_MAX_HEAP_MB: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let onReady: () => void = () => undefined;
  let onFail: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onFail = reject;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    if (/^repwatch: (worker \d+: )?watching \d+ target/m.test(stderr)) onReady();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on('close', (code, signal) => {
      onFail(new Error(`worker ${child.pid} exited (${signal ?? code}) before it was ready:\n${stderr}`));
      resolve(signal ?? code ?? -1);
    }),
  );
  // A test that fails must still see why, not an unhandled rejection.
  ready.catch(() => undefined);
  return { pid: child.pid ?? -1, child, log: () => stderr, ready, exited, alive: () => child.exitCode === null && child.signalCode === null };
}

/** SIGTERM, then SIGKILL after `graceMs`: for clean-up, so no worker outlives its test. */
export async function stopWorker(w: WorkerProcess, graceMs = 15_000): Promise<number | string> {
  if (!w.alive()) return w.exited;
  w.child.kill('SIGTERM');
  const timer = setTimeout(() => w.alive() && w.child.kill('SIGKILL'), graceMs);
  try {
    return await w.exited;
  } finally {
    clearTimeout(timer);
  }
}

export async function stopAll(workers: readonly WorkerProcess[], graceMs?: number): Promise<(number | string)[]> {
  return Promise.all(workers.map((w) => stopWorker(w, graceMs)));
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, everyMs = 250): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
