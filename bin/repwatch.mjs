#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so a fresh clone needs no build step.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { heapAlreadySet, workerHeapArgs } from './worker-heap.mjs';

const heapArgs = workerHeapArgs();
if (process.argv[2] === 'run' && heapArgs.length > 0 && !heapAlreadySet()) {
  // The scheduled worker runs for days: start it again under a heap cap (see worker-heap.mjs).
  const child = spawn(process.execPath, [...process.execArgv, ...heapArgs, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 1)));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
