import { addDays, createEnvelope, newId, type Envelope, type LocalDate } from '@saldo/kit';

export interface Population {
  users: string[];
  /** Accounts per user, all in BRL. */
  accounts: Map<string, string[]>;
}

export function population(users: number, accountsPerUser: number): Population {
  const ids = Array.from({ length: users }, () => newId());
  return {
    users: ids,
    accounts: new Map(ids.map((u) => [u, Array.from({ length: accountsPerUser }, () => newId())])),
  };
}

export function accountEvents(p: Population): Envelope[] {
  return p.users.flatMap((userId) =>
    p.accounts.get(userId)!.map((id) =>
      createEnvelope('ledger.account.created', userId, {
        account: {
          id,
          userId,
          name: 'Conta',
          type: 'CHECKING',
          currency: 'BRL',
          initialBalance: { amount: '1000.00', currency: 'BRL' },
          allowNegative: true,
          archived: false,
          externalId: null,
        },
      }),
    ),
  );
}

const money = (cents: number) => ({
  amount: `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`,
  currency: 'BRL',
});

/**
 * `count` ledger.entry.created envelopes: four in five an expense or income on one
 * account, one in five a transfer between two of the user's accounts; dates spread
 * over `days` days from `firstDay` (all on `firstDay` when days = 1).
 */
export function* entryEvents(
  p: Population,
  count: number,
  firstDay: LocalDate,
  days: number,
): Generator<Envelope> {
  for (let i = 0; i < count; i += 1) {
    const userId = p.users[i % p.users.length]!;
    const [a, b] = p.accounts.get(userId)!;
    const cents = 100 + ((i * 7919) % 50_000);
    const transfer = i % 5 === 0 && b !== undefined;
    const sign = i % 3 === 0 ? 1 : -1;
    const postings = transfer
      ? [
          { accountId: a!, amount: money(-cents) },
          { accountId: b, amount: money(cents) },
        ]
      : [{ accountId: a!, amount: money(sign * cents) }];
    yield createEnvelope('ledger.entry.created', userId, {
      entry: {
        id: newId(),
        userId,
        version: 1,
        kind: transfer ? 'TRANSFER' : sign > 0 ? 'INCOME' : 'EXPENSE',
        status: 'POSTED',
        amount: money(cents),
        toAmount: transfer ? money(cents) : null,
        date: addDays(firstDay, (i * 31) % days),
        dueDate: null,
        description: 'bench',
        accountId: a!,
        toAccountId: transfer ? b : null,
        categoryId: null,
        tags: [],
        source: 'IMPORT',
        externalId: null,
        postings,
        deleted: false,
        updatedAt: new Date().toISOString(),
      },
    });
  }
}
