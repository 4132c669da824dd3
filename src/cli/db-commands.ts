import type { Command } from 'commander';
import type { GlobalOptions } from './common.ts';

export function registerDatabaseCommands(program: Command, merged: <T extends object>(local: T) => T & GlobalOptions): void {
  void program;
  void merged;
}
