import type { Command } from 'commander';
import { CliError } from '../errors';
import type { Runner } from '../program';

// The import subgraph (and its operations in the API schema) is not on this server yet:
// the command is reserved so scripts get a clear answer instead of "unknown command".
export function importCommands(program: Command, run: Runner): void {
  program
    .command('import')
    .description('import a bank statement (needs the import service)')
    .argument('<file>', 'OFX, QFX, QIF, CSV, XLSX or CAMT file')
    .requiredOption('--account <name|id>', 'the account (or card) the statement belongs to')
    .option('--yes', 'confirm without asking')
    .action(
      run(async () => {
        throw new CliError('NOT_AVAILABLE', 'statement import is not available on this server yet');
      }),
    );
}
