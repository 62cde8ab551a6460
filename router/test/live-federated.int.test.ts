import { waitFor } from '@saldo/kit/testing';
import { registerUser, subscribed, useStack } from './harness';

// A subscription payload selecting fields of another subgraph: balanceChanged is the
// ledger's, Account.dailyBalances is consolidation's; the router resolves them together.

const BALANCE_WITH_DAYS = `subscription($id: ID, $from: LocalDate!, $to: LocalDate!) {
  balanceChanged(accountId: $id) {
    balance { amount }
    account { name dailyBalances(from: $from, to: $to) { date entryCount closing { amount currency } } }
  }
}`;
const DAILY =
  'subscription($id: ID) { dailyBalanceUpdated(accountId: $id) { date entryCount closing { amount } } }';

describe('live payloads across subgraphs', () => {
  const stack = useStack({ subgraphs: ['identity', 'ledger', 'consolidation'] });

  it('resolves balanceChanged { account { dailyBalances } } through the ledger and consolidation', async () => {
    const { client, router, live } = stack();
    const ana = await registerUser(client, 'ana');
    const { createAccount } = await ana.client.ok<{ createAccount: { id: string } }>(
      'mutation { createAccount(input: { name: "Nubank", type: CHECKING, currency: "BRL" }) { id } }',
    );
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' });
    const socket = live(`Bearer ${ana.accessToken}`);
    const [sub, daily] = await subscribed(router, 2, () => [
      socket.subscribe(BALANCE_WITH_DAYS, { id: createAccount.id, from: today, to: today }),
      socket.subscribe(DAILY, { id: createAccount.id }),
    ]);
    await ana.client.ok(
      'mutation($a: ID!) { createEntry(input: { kind: INCOME, accountId: $a, amount: "42.00", date: null }) { id } }',
      { a: createAccount.id },
    );
    await waitFor(() => sub.received.length === 1, { timeoutMs: 15_000 });
    const payload = (
      sub.received[0] as {
        balanceChanged: {
          balance: unknown;
          account: {
            name: string;
            dailyBalances: { date: string; closing: { currency: string } }[];
          };
        };
      }
    ).balanceChanged;
    expect(payload.balance).toEqual({ amount: '42.00' });
    expect(payload.account.name).toBe('Nubank');
    // Consolidation answered for the day (its own projection may trail the event by a moment).
    expect(payload.account.dailyBalances).toEqual([
      expect.objectContaining({
        date: today,
        closing: expect.objectContaining({ currency: 'BRL' }),
      }),
    ]);

    // consolidation's own live field follows the projection.
    await waitFor(() => daily.received.some((r) => JSON.stringify(r).includes('"42.00"')), {
      timeoutMs: 15_000,
    });
    expect(daily.received.at(-1)).toEqual({
      dailyBalanceUpdated: { date: today, entryCount: 1, closing: { amount: '42.00' } },
    });
  });
});
