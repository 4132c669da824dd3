import type { Command } from 'commander';
import type { GlobalOptions } from './common.ts';

/** `repwatch serve` and `repwatch token`: the dashboard and API (see src/serve). */
export function registerServeCommands(program: Command, merged: <T extends object>(local: T) => T & GlobalOptions): void {
  void program;
  void merged;
}
