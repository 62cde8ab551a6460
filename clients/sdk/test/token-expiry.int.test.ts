import { signedUpWithAccount, useStack, waitForSubscriptions } from './stack';

// Access tokens that live 5 s: the SDK refreshes before expiry for HTTP calls, and its
// subscription survives the router closing the socket at expiry by reconnecting with a
// fresh token (connectionParams are computed on every connect).

const TOKEN_SECONDS = 5;

describe('an SDK client whose access tokens expire', () => {
  const stack = useStack({
    subgraphs: ['identity', 'ledger'],
    config: { identity: { ACCESS_TOKEN_TTL_SECONDS: TOKEN_SECONDS } },
  });

  it('keeps a subscription alive across expiries with a fresh token on each connect', async () => {
    const { router } = stack();
    const { client, account } = await signedUpWithAccount(router.url);
    try {
      const first = (await client.auth.tokens())!.accessToken;
      const changes = client.subscribe.balanceChanged({ accountId: account.id });
      const one = changes.next();
      await waitForSubscriptions(router, 1);
      await client.entries.create({
        input: { kind: 'INCOME', accountId: account.id, amount: '1.00' },
      });
      expect((await one).value).toMatchObject({ balance: { amount: '1.00' } });

      // Past the first token's life the router has closed the socket (4403) and the
      // client has reconnected with another token.
      const deadline = Date.now() + (TOKEN_SECONDS + 20) * 1000;
      while (client.liveConnections < 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(client.liveConnections).toBeGreaterThanOrEqual(2);
      await waitForSubscriptions(router, 1);
      const two = changes.next();
      await client.entries.create({
        input: { kind: 'INCOME', accountId: account.id, amount: '2.00' },
      });
      expect((await two).value).toMatchObject({ balance: { amount: '3.00' } });
      expect((await client.auth.tokens())!.accessToken).not.toBe(first);
      expect(client.auth.refreshes).toBeGreaterThanOrEqual(1);
      await changes.return();
    } finally {
      await client.close();
    }
  }, 60_000);
});
