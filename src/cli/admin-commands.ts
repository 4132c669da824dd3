import type { Command } from 'commander';
import type { GlobalOptions } from './common.ts';

/** Maintenance commands such as `repwatch backup`. */
export function registerAdminCommands(program: Command, merged: <T extends object>(local: T) => T & GlobalOptions): void {
  void program;
  void merged;
}
