import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startConsolidation } from '@saldo/consolidation/src/app';
import { startIdentity } from '@saldo/identity/src/app';
import { startLedger } from '@saldo/ledger/src/app';
import { registerUser, startStack, type Stack } from './harness';

// A subscription payload selecting fields of another subgraph: balanceChanged is the
// ledger's, Account.dailyBalances is consolidation's; the router resolves them together.

type Payload = Record<string, unknown>;

function listen(stack: Stack, token: string, query: string, variables: Record<string, unknown>) {
  const client: Client = createClient({
    url: stack.router.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
  });
  const received: Payload[] = [];
  client.subscribe<Payload>(
    { query, variables },
    { next: (v) => received.push(v as Payload), error: () => undefined, complete: () => undefined },
  );
  return { client, received };
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('live payloads across subgraphs', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      identity: startIdentity,
      ledger: startLedger,
      consolidation: startConsolidation,
    });
  });
  afterAll(async () => {
    await stack?.cleanup();
  });

  it('resolves balanceChanged { account { dailyBalances } } through the ledger and consolidation', async () => {
    const ana = await registerUser(stack.client, 'ana');
    const { createAccount } = await ana.client.ok<{ createAccount: { id: string } }>(
      'mutation { createAccount(input: { name: "Nubank", type: CHECKING, currency: "BRL" }) { id } }',
    );
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' });
    const sub = listen(
      stack,
      ana.accessToken,
      `subscription($id: ID, $from: LocalDate!, $to: LocalDate!) { balanceChanged(accountId: $id) {
        balance { amount } account { name dailyBalances(from: $from, to: $to) { date entryCount closing { amount currency } } }
      } }`,
      { id: createAccount.id, from: today, to: today },
    );
    const daily = listen(
      stack,
      ana.accessToken,
      'subscription($id: ID) { dailyBalanceUpdated(accountId: $id) { date entryCount closing { amount } } }',
      { id: createAccount.id },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await ana.client.ok(
      'mutation($a: ID!) { createEntry(input: { kind: INCOME, accountId: $a, amount: "42.00", date: null }) { id } }',
      { a: createAccount.id },
    );
    await until(() => sub.received.length === 1);
    const payload = (
      sub.received[0] as {
        data: {
          balanceChanged: {
            balance: unknown;
            account: {
              name: string;
              dailyBalances: { date: string; closing: { currency: string } }[];
            };
          };
        };
      }
    ).data.balanceChanged;
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
    await until(() => daily.received.some((r) => JSON.stringify(r).includes('"42.00"')));
    expect(daily.received.at(-1)).toEqual({
      data: { dailyBalanceUpdated: { date: today, entryCount: 1, closing: { amount: '42.00' } } },
    });
    await sub.client.dispose();
    await daily.client.dispose();
  });
});
