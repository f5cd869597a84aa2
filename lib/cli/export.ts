import { Command } from 'commander';
import type { CliIo } from './index';
import { CliError } from './errors';

/** Registers `alikafka-migrate export` (reading a live cluster). Being built: see the export issue. */
export function registerExport(program: Command, _io: CliIo): void {
  program
    .command('export')
    .description('read a Kafka cluster\'s metadata into a metadata JSON file (not available in this build yet)')
    .allowUnknownOption(true)
    .action(() => {
      throw new CliError('export is not available in this build yet');
    });
}
