import { waitFor } from '@saldo/kit/testing';
import { registerUser, subscribed, useStack } from './harness';

const CREATE_ACCOUNT = `mutation($name: String!) {
  createAccount(input: { name: $name, type: CHECKING, currency: "BRL" }) { id }
}`;
const CREATE_ENTRY = `mutation($accountId: ID!, $amount: Decimal!) {
  createEntry(input: { kind: INCOME, accountId: $accountId, amount: $amount, description: "salary" }) { id }
}`;

const RICH = `subscription($id: ID) { balanceChanged(accountId: $id) {
  accountId balance { amount currency } delta { amount } account { name balance { amount } }
} }`;
const PLAIN = 'subscription { balanceChanged { accountId balance { amount } } }';

// The ledger's relay publishes in commit order and the router fans one NATS subscription
// per subject out in order: an event a client must not see is followed by one it must
// see, and the test waits for the second instead of sleeping on the first.

describe('subscriptions through the router', () => {
  const stack = useStack({ subgraphs: ['identity', 'ledger'] });

  it('pushes balanceChanged to its user after createEntry, with fields resolved through the gateway', async () => {
    const { client, router, live } = stack();
    const ana = await registerUser(client, 'ana');
    const bob = await registerUser(client, 'bob');
    const account = await ana.client.ok<{ createAccount: { id: string } }>(CREATE_ACCOUNT, {
      name: 'Nubank',
    });
    const accountId = account.createAccount.id;

    const anaSocket = live(`Bearer ${ana.accessToken}`);
    const bobSocket = live(`Bearer ${bob.accessToken}`);
    const [rich, plain, other] = await subscribed(router, 3, () => [
      anaSocket.subscribe(RICH, { id: accountId }),
      anaSocket.subscribe(PLAIN),
      bobSocket.subscribe(PLAIN),
    ]);

    await ana.client.ok(CREATE_ENTRY, { accountId, amount: '100.50' });
    await waitFor(() => rich.received.length === 1 && plain.received.length === 1);
    expect(rich.received[0]).toEqual({
      balanceChanged: {
        accountId,
        balance: { amount: '100.50', currency: 'BRL' },
        delta: { amount: '100.50' },
        account: { name: 'Nubank', balance: { amount: '100.50' } },
      },
    });
    expect(plain.received[0]).toEqual({
      balanceChanged: { accountId, balance: { amount: '100.50' } },
    });

    // Bob's own entry reaches Bob only: the next thing Ana sees is her own next entry.
    const bobAccount = await bob.client.ok<{ createAccount: { id: string } }>(CREATE_ACCOUNT, {
      name: 'Itaú',
    });
    await bob.client.ok(CREATE_ENTRY, { accountId: bobAccount.createAccount.id, amount: '1.00' });
    await waitFor(() => other.received.length === 1);
    await ana.client.ok(CREATE_ENTRY, { accountId, amount: '0.50' });
    await waitFor(() => rich.received.length === 2 && plain.received.length === 2);
    expect(plain.received[1]).toEqual({
      balanceChanged: { accountId, balance: { amount: '101.00' } },
    });
    expect(rich.received[1]).toMatchObject({ balanceChanged: { accountId } });
    expect(other.received).toEqual([
      { balanceChanged: { accountId: bobAccount.createAccount.id, balance: { amount: '1.00' } } },
    ]);
  });

  it('filters by the accountId argument', async () => {
    const { client, router, live } = stack();
    const carla = await registerUser(client, 'carla');
    const a = (
      await carla.client.ok<{ createAccount: { id: string } }>(CREATE_ACCOUNT, { name: 'A' })
    ).createAccount.id;
    const b = (
      await carla.client.ok<{ createAccount: { id: string } }>(CREATE_ACCOUNT, { name: 'B' })
    ).createAccount.id;
    const socket = live(`Bearer ${carla.accessToken}`);
    const onlyB = await subscribed(router, 1, () =>
      socket.subscribe('subscription($id: ID) { balanceChanged(accountId: $id) { accountId } }', {
        id: b,
      }),
    );
    // A's event is published before B's: had the filter let it through, it would come first.
    await carla.client.ok(CREATE_ENTRY, { accountId: a, amount: '5.00' });
    await carla.client.ok(CREATE_ENTRY, { accountId: b, amount: '7.00' });
    await waitFor(() => onlyB.received.length > 0);
    expect(onlyB.received).toEqual([{ balanceChanged: { accountId: b } }]);
  });

  it('refuses connections without a valid credential, and subscriptions without the scope', async () => {
    const { client, live } = stack();
    const anonymous = live(null);
    expect((await anonymous.closed).code).toBe(4403);

    const dora = await registerUser(client, 'dora');
    const key = await dora.client.ok<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(name: "cards only", scopes: ["cards:read"]) { secret } }',
    );
    const partner = live(`ApiKey ${key.createApiKey.secret}`);
    const denied = partner.subscribe('subscription { balanceChanged { accountId } }');
    await waitFor(() => denied.errors.length > 0 || denied.received.length > 0);
    expect(JSON.stringify(denied.errors)).toContain('Missing scope: ledger:read');
  });

  it('works across router replicas: each delivers to its own clients', async () => {
    const { client, router, live, startRouter } = stack();
    const second = await startRouter();
    const eva = await registerUser(client, 'eva');
    const accountId = (
      await eva.client.ok<{ createAccount: { id: string } }>(CREATE_ACCOUNT, { name: 'X' })
    ).createAccount.id;
    const one = live(`Bearer ${eva.accessToken}`);
    const two = live(`Bearer ${eva.accessToken}`, { router: second });
    const a = await subscribed(router, 1, () =>
      one.subscribe('subscription { balanceChanged { accountId } }'),
    );
    const b = await subscribed(second, 1, () =>
      two.subscribe('subscription { balanceChanged { accountId } }'),
    );
    await eva.client.ok(CREATE_ENTRY, { accountId, amount: '2.00' });
    await waitFor(() => a.received.length === 1 && b.received.length === 1);
    expect(a.received).toEqual(b.received);
    await second.stop();
  });

  it('closes the socket with a retryable 4403 when the credential expires', async () => {
    // API-key callers are re-checked after API_KEY_CACHE_SECONDS: their credential "expires" then.
    const { client, live, startRouter } = stack();
    const short = await startRouter({ API_KEY_CACHE_SECONDS: '1' });
    const fred = await registerUser(client, 'fred');
    const key = await fred.client.ok<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(name: "dash", scopes: ["ledger:read"]) { secret } }',
    );
    const socket = live(`ApiKey ${key.createApiKey.secret}`, { router: short });
    socket.subscribe('subscription { balanceChanged { accountId } }');
    const event = await socket.closed;
    expect(event.code).toBe(4403);
    expect(event.reason).toMatch(/expired/);
    await short.stop();
  });
});
