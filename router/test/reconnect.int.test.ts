import { waitFor } from '@saldo/kit/testing';
import { registerUser, subscribed, useStack } from './harness';

// A dashboard built on graphql-ws's reference client, whose `connectionParams` fetch a
// fresh access token: when its token expires the router closes the socket with a code
// the client retries, it reconnects with a new token, resubscribes, and carries on.

const TOKEN_SECONDS = 5;

describe('a live client whose access token expires', () => {
  const stack = useStack({
    subgraphs: ['identity', 'ledger'],
    config: { identity: { ACCESS_TOKEN_TTL_SECONDS: TOKEN_SECONDS } },
  });

  it('reconnects by itself, resumes its subscription and receives what follows', async () => {
    const { client, router, live } = stack();
    const ana = await registerUser(client, 'ana');
    // Refresh tokens are single-use: one trade at a time.
    let session = Promise.resolve({ accessToken: ana.accessToken, refreshToken: ana.refreshToken });
    const fresh = async () => {
      session = session.then(({ refreshToken }) =>
        client
          .ok<{ refreshSession: { accessToken: string; refreshToken: string } }>(
            'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }',
            { t: refreshToken },
          )
          .then((data) => data.refreshSession),
      );
      return (await session).accessToken;
    };
    const as = async () => client.withToken(await fresh());
    const { createAccount } = await (
      await as()
    ).ok<{ createAccount: { id: string } }>(
      'mutation { createAccount(input: { name: "Nubank", type: CHECKING, currency: "BRL" }) { id } }',
    );
    const credit = async (amount: string) =>
      (await as()).ok(
        'mutation($a: ID!, $v: Decimal!) { createEntry(input: { kind: INCOME, accountId: $a, amount: $v }) { id } }',
        { a: createAccount.id, v: amount },
      );

    const dashboard = live(null, {
      connectionParams: async () => ({ authorization: `Bearer ${await fresh()}` }),
      retryAttempts: 5,
      retryWait: async () => undefined,
    });
    const balance = await subscribed(router, 1, () =>
      dashboard.subscribe('subscription { balanceChanged { balance { amount } } }'),
    );
    await credit('1.00');
    await waitFor(() => balance.received.length === 1, { what: 'the first event' });

    // The token runs out: the router closes, the client reconnects with a fresh one.
    await waitFor(() => dashboard.connections >= 2, {
      timeoutMs: (TOKEN_SECONDS + 5) * 1000,
      what: 'a reconnection',
    });
    expect(dashboard.closes[0]).toEqual({ code: 4403, reason: expect.stringMatching(/expired/) });
    // Its old socket gone, its subscription back on the new one.
    await waitFor(() => router.live.sockets === 1 && router.live.subscriptions === 1, {
      what: 'the subscription on the new socket',
    });
    await router.live.flush();
    await credit('2.00');
    await waitFor(() => balance.received.length === 2, { what: 'the event after reconnecting' });
    expect(balance.received).toEqual([
      { balanceChanged: { balance: { amount: '1.00' } } },
      { balanceChanged: { balance: { amount: '3.00' } } },
    ]);
    expect(balance.errors).toEqual([]);
    expect(balance.isDone()).toBe(false);
  });
});
