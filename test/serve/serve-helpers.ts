import { dbLocation } from '../helpers/temp.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../src/demo/run-demo.ts';
import type { Progress } from '../../src/cli/progress.ts';
import { closeDb, openDb } from '../../src/store/db.ts';
import { createToken, type Role } from '../../src/serve/tokens.ts';
import { BIN } from '../helpers/cli.ts';

export const quietProgress: Progress = { page() {}, targetDone() {}, line() {}, end() {} };

/** A temp folder for a whole file (useTempDir cleans after each test, too early for a shared server). */
export function tempFolder(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'repwatch-serve-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The demo database (HTTP pages only: fast, and no browser needed to build it). */
export async function demoDb(dir: string): Promise<string> {
  const file = dbLocation(dir, 'demo.db');
  await runDemo(file, quietProgress, () => false);
  return file;
}

export function tokensFor(file: string, roles: Role[] = ['viewer', 'agent', 'lead', 'admin']): Record<Role, string> {
  const db = openDb(file);
  try {
    return Object.fromEntries(roles.map((r) => [r, createToken(db, r, `${r}-user`).token])) as Record<Role, string>;
  } finally {
    closeDb(db);
  }
}

export interface Served {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The real `repwatch serve` on 127.0.0.1 with an ephemeral port, as a user would run it. */
export function serve(file: string, extra: string[] = []): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--db', file, '--port', '0', '--host', '127.0.0.1', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 20_000);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        const url = m[1];
        resolve({
          url,
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${err}`));
    });
  });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function getJson<T = Record<string, unknown>>(url: string, token?: string): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, { headers: token ? bearer(token) : {} });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

export async function postJson<T = Record<string, unknown>>(url: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? bearer(token) : {}), ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}
