import type { Command } from 'commander';
import type { AccountPartsFragment } from '@saldo/sdk';
import { pick, pickOne, type Context } from '../context';
import { CliError } from '../errors';
import { day, money, sumDecimals, t } from '../format';
import { localToday, parseAmount } from '../parse-entry';
import type { Runner } from '../program';

const ASSET_TYPES = new Set(['CHECKING', 'SAVINGS', 'CASH', 'INVESTMENT', 'WALLET', 'OTHER_ASSET']);

async function account(ctx: Context, wanted: string | undefined): Promise<AccountPartsFragment> {
  const accounts = await ctx.client.accounts.list();
  if (wanted) return pick(accounts, wanted, 'account');
  return pickOne(
    accounts.filter((a) => ASSET_TYPES.has(a.type)),
    undefined,
    'account',
    '--account',
  );
}

function accountsTable(ctx: Context, accounts: readonly AccountPartsFragment[]): string {
  if (accounts.length === 0) return t(ctx.lang, 'none');
  return ctx.table(
    [t(ctx.lang, 'name'), t(ctx.lang, 'type'), t(ctx.lang, 'balance')],
    accounts.map((a) => [a.name, a.type, money(ctx.lang, a.balance)]),
    [2],
  );
}

export function ledgerCommands(program: Command, run: Runner): void {
  program
    .command('accounts')
    .description('your accounts and their balances')
    .option('--all', 'include archived accounts')
    .action(
      run(async (ctx, options: { all?: boolean }) => {
        const accounts = await ctx.client.accounts.list({ includeArchived: !!options.all });
        ctx.print(accounts, () => accountsTable(ctx, accounts));
      }),
    );

  program
    .command('balance')
    .description('total balance per currency over your accounts')
    .action(
      run(async (ctx) => {
        const accounts = await ctx.client.accounts.list();
        const currencies = [...new Set(accounts.map((a) => a.balance.currency))];
        const byCurrency = currencies.map((currency) => ({
          currency,
          amount: sumDecimals(
            accounts.filter((a) => a.balance.currency === currency).map((a) => a.balance.amount),
          ),
        }));
        ctx.print({ accounts, totals: byCurrency }, () =>
          [
            accountsTable(ctx, accounts),
            ...byCurrency.map((m) => `${t(ctx.lang, 'total')}: ${money(ctx.lang, m)}`),
          ].join('\n'),
        );
      }),
    );

  program
    .command('entries')
    .description('entries, newest first')
    .option('--account <name|id>', 'only this account')
    .option('--from <YYYY-MM-DD>', 'from this date')
    .option('--to <YYYY-MM-DD>', 'up to this date')
    .option('--search <text>', 'description contains')
    .option('--limit <n>', 'at most n entries', '50')
    .action(
      run(
        async (
          ctx,
          o: { account?: string; from?: string; to?: string; search?: string; limit: string },
        ) => {
          const accountId = o.account ? (await account(ctx, o.account)).id : undefined;
          const page = await ctx.client.entries.list({
            first: Number(o.limit),
            filter: { accountId, from: o.from, to: o.to, search: o.search },
          });
          const entries = page.edges.map((e) => e.node);
          ctx.print(entries, () =>
            entries.length === 0
              ? t(ctx.lang, 'none')
              : ctx.table(
                  [
                    '',
                    t(ctx.lang, 'date'),
                    t(ctx.lang, 'description'),
                    t(ctx.lang, 'account'),
                    t(ctx.lang, 'category'),
                    t(ctx.lang, 'amount'),
                  ],
                  entries.map((e) => [
                    e.status === 'PENDING'
                      ? '…'
                      : e.kind === 'INCOME'
                        ? '+'
                        : e.kind === 'TRANSFER'
                          ? '⇄'
                          : '-',
                    day(ctx.lang, e.date),
                    e.description,
                    e.toAccount ? `${e.account.name} → ${e.toAccount.name}` : e.account.name,
                    e.category?.name ?? '',
                    money(ctx.lang, e.amount),
                  ]),
                  [5],
                ),
          );
        },
      ),
    );

  program
    .command('add')
    .description(
      'add an entry from text, e.g. `saldo add gastei 45,90 no mercado ontem` (read by the ai subgraph)',
    )
    .argument('<text...>', 'what you would write in a chat: amount, description, date, a verb')
    .option('--account <name|id>', 'the account (default: the one you use most for this)')
    .option('--category <name|id>', 'a category (default: the suggested one, if any)')
    .action(
      run(async (ctx, words: string[], o: { account?: string; category?: string }) => {
        const draft = await ctx.client.ai.parseEntryText({ text: words.join(' ') });
        if (!draft?.amount) {
          throw new Error('no amount found (e.g. `saldo add 45,90 mercado ontem`)');
        }
        if (draft.kind === 'TRANSFER') {
          throw new Error('a transfer needs two accounts: use `saldo transfer`');
        }
        const kind = draft.kind === 'INCOME' ? 'INCOME' : 'EXPENSE';
        const target =
          o.account || !draft.account
            ? await account(ctx, o.account)
            : { id: draft.account.id, name: draft.account.name };
        const categoryId = o.category
          ? pick(await ctx.client.categories.list({ kind }), o.category, 'category').id
          : draft.categorySuggestion?.category.id;
        const entry = await ctx.client.entries.create({
          input: {
            kind,
            accountId: target.id,
            amount: draft.amount,
            date: draft.date ?? localToday((await ctx.client.identity.me()).timeZone),
            description: draft.description ?? words.join(' '),
            categoryId,
          },
        });
        ctx.print(
          entry,
          () =>
            `${entry.kind === 'INCOME' ? '+' : '-'} ${money(ctx.lang, entry.amount)} ${entry.description} · ${day(ctx.lang, entry.date)} · ${entry.account.name}`,
        );
      }),
    );

  program
    .command('transfer')
    .description('move money between two of your accounts')
    .argument('<amount>', 'e.g. 100,00')
    .requiredOption('--from <name|id>', 'from this account')
    .requiredOption('--to <name|id>', 'to this account')
    .option('--date <YYYY-MM-DD>', 'value date (default today)')
    .option('--description <text>', 'description')
    .action(
      run(
        async (
          ctx,
          amountText: string,
          o: { from: string; to: string; date?: string; description?: string },
        ) => {
          const amount = parseAmount(amountText);
          if (!amount || amount.sign === -1)
            throw new CliError('BAD_USER_INPUT', `not an amount: ${amountText}`);
          const accounts = await ctx.client.accounts.list();
          const entry = await ctx.client.transfers.create({
            accountId: pick(accounts, o.from, 'account').id,
            toAccountId: pick(accounts, o.to, 'account').id,
            amount: amount.amount,
            date: o.date,
            description: o.description,
          });
          ctx.print(
            entry,
            () =>
              `⇄ ${money(ctx.lang, entry.amount)} ${entry.account.name} → ${entry.toAccount?.name ?? ''} · ${day(ctx.lang, entry.date)}`,
          );
        },
      ),
    );
}
