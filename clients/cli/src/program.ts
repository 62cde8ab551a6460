import { Command, CommanderError } from 'commander';
import { billingCommands } from './commands/billing';
import { cardCommands } from './commands/cards';
import { cashflowCommands } from './commands/cashflow';
import { importCommands } from './commands/import';
import { ledgerCommands } from './commands/ledger';
import { notificationCommands } from './commands/notifications';
import { sessionCommands } from './commands/session';
import { watchCommands } from './commands/watch';
import { Context, DEFAULT_URL, type GlobalOptions, type Io } from './context';
import { EXIT, report } from './errors';

/** Wraps a command: builds its context, prints failures in one line, sets the exit code. */
export type Runner = <A extends unknown[]>(
  action: (ctx: Context, ...args: A) => Promise<void>,
) => (...args: unknown[]) => Promise<void>;

const EXIT_HELP = `
Exit codes:
  0 ok · 1 error · 2 usage · 3 not signed in / forbidden · 4 not found
  5 invalid input · 6 refused (conflict, funds, limit, state) · 7 rate limited · 8 server unreachable

Environment: SALDO_URL, SALDO_PASSWORD, XDG_CONFIG_HOME (tokens in $XDG_CONFIG_HOME/saldo), LANG`;

export function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('saldo')
    .description('Saldo from a terminal: accounts, entries, cards, cash flow, live balances')
    .option('--url <url>', `GraphQL endpoint (SALDO_URL; default ${DEFAULT_URL})`)
    .option('--json', 'machine-readable JSON output')
    .option('--lang <locale>', 'pt-BR or en (default: from LANG)')
    .addHelpText('after', EXIT_HELP)
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  const run: Runner =
    (action) =>
    async (...args) => {
      const command = args[args.length - 1] as Command;
      const ctx = new Context(io, command.optsWithGlobals<GlobalOptions>());
      try {
        await action(ctx, ...(args.slice(0, -1) as never));
      } catch (error) {
        const failure = report(error);
        io.stderr(`${ctx.json ? JSON.stringify(failure.json) : failure.line}\n`);
        setExitCode(failure.exitCode);
      } finally {
        await ctx.close();
      }
    };

  sessionCommands(program, run);
  ledgerCommands(program, run);
  cardCommands(program, run);
  cashflowCommands(program, run);
  watchCommands(program, run);
  importCommands(program, run);
  notificationCommands(program, run);
  billingCommands(program, run);
  return program;
}

/** Runs the CLI; resolves with the exit code. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    throw error;
  }
  return exitCode;
}
