import type { Command } from 'commander';
import { money } from '../format';
import type { Runner } from '../program';

export function watchCommands(program: Command, run: Runner): void {
  program
    .command('watch')
    .description('follow balances and invoices live until Ctrl-C')
    .action(
      run(async (ctx) => {
        const client = ctx.client;
        const balances = client.subscribe.balanceChanged();
        const invoices = client.subscribe.invoiceUpdated();
        const stop = new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        if (!ctx.json) ctx.io.stderr('Watching balances and invoices (Ctrl-C to stop)\n');
        const follow = async <T>(
          events: AsyncGenerator<T>,
          kind: string,
          line: (e: T) => string,
        ) => {
          for await (const event of events) {
            ctx.io.stdout(
              ctx.json ? `${JSON.stringify({ type: kind, ...event })}\n` : `${line(event)}\n`,
            );
          }
        };
        const following = Promise.all([
          follow(
            balances,
            'balanceChanged',
            (e) =>
              `${e.account.name}: ${money(ctx.lang, e.balance)} (${e.delta.amount.startsWith('-') ? '' : '+'}${money(ctx.lang, e.delta)})`,
          ),
          follow(
            invoices,
            'invoiceUpdated',
            (e) =>
              `${e.card?.name ?? e.cardId} ${e.month}: ${money(ctx.lang, e.total)} ${e.status}`,
          ),
        ]);
        following.catch(() => undefined); // ends with the connection, below
        await Promise.race([stop, following]);
        // Closing the connection ends both iterators (return() would wait for the next event).
        await client.close();
      }),
    );
}
