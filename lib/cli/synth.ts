import { Command } from 'commander';
import type { CliIo } from './index';

export function registerSynth(_program: Command, _io: CliIo): void {
  // filled in by the foundation work
}
