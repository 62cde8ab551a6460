import type { Command } from 'commander';
import { pickOne } from '../context';
import { CliError } from '../errors';
import { day, money, t } from '../format';
import type { Runner } from '../program';

export function cardCommands(program: Command, run: Runner): void {
  program
    .command('cards')
    .description('your credit cards, limits and current invoices')
    .action(
      run(async (ctx) => {
        const cards = await ctx.client.cards.list();
        ctx.print(cards, () =>
          cards.length === 0
            ? t(ctx.lang, 'none')
            : ctx.table(
                [
                  t(ctx.lang, 'card'),
                  t(ctx.lang, 'limit'),
                  t(ctx.lang, 'available'),
                  t(ctx.lang, 'invoice'),
                  t(ctx.lang, 'due'),
                ],
                cards.map((c) => [
                  `${c.name}${c.last4 ? ` •••• ${c.last4}` : ''} (${c.brand})`,
                  money(ctx.lang, c.limit),
                  money(ctx.lang, c.availableLimit),
                  c.currentInvoice
                    ? `${money(ctx.lang, c.currentInvoice.total)} ${c.currentInvoice.status}`
                    : '',
                  c.currentInvoice ? day(ctx.lang, c.currentInvoice.dueDate) : '',
                ]),
                [1, 2, 3],
              ),
        );
      }),
    );

  program
    .command('invoice')
    .description("a card's invoice with its items (the current one by default)")
    .option('--card <name|id>', 'the card (needed when you have several)')
    .option('--month <YYYY-MM>', 'the invoice of this month')
    .action(
      run(async (ctx, o: { card?: string; month?: string }) => {
        const card = pickOne(await ctx.client.cards.list(), o.card, 'card', '--card');
        let invoiceId = card.currentInvoice?.id;
        if (o.month) {
          const page = await ctx.client.invoices.list({ cardId: card.id, first: 100 });
          invoiceId = page.invoices.edges.find((e) => e.node.month === o.month)?.node.id;
        }
        if (!invoiceId) {
          throw new CliError(
            'NOT_FOUND',
            `no invoice${o.month ? ` for ${o.month}` : ''} on ${card.name}`,
          );
        }
        const invoice = await ctx.client.invoices.get({ id: invoiceId });
        ctx.print(invoice, () =>
          [
            `${card.name} · ${invoice.month} · ${invoice.status} · ${t(ctx.lang, 'due')} ${day(ctx.lang, invoice.dueDate)}`,
            ctx.table(
              [t(ctx.lang, 'date'), t(ctx.lang, 'description'), '', t(ctx.lang, 'amount')],
              invoice.items.map((i) => [
                day(ctx.lang, i.date),
                i.description,
                i.installmentCount && i.installmentCount > 1
                  ? `${i.installmentNumber}/${i.installmentCount}`
                  : '',
                money(ctx.lang, i.amount),
              ]),
              [3],
            ),
            `${t(ctx.lang, 'total')}: ${money(ctx.lang, invoice.total)} · ${money(ctx.lang, invoice.remaining)} ${ctx.lang === 'pt-BR' ? 'a pagar' : 'to pay'}`,
          ].join('\n'),
        );
      }),
    );
}
