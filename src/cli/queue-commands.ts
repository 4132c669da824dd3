import type { Command } from 'commander';
import type { GlobalOptions } from './common.ts';

export function registerQueueCommands(program: Command, merged: <T extends object>(local: T) => T & GlobalOptions): void {
  void program;
  void merged;
}
