import {
  ledgerSubgraphBalances,
  routerBalances,
} from '@saldo/consolidation/src/verify/ledger-balances';
import { verifyProjection } from '@saldo/consolidation/src/verify/verify-run';
import type { Drift } from '@saldo/consolidation/src/verify/drift';
import { testKeys, TEST_ISSUER, waitFor } from '@saldo/kit/testing';
import { registerUser, useStack } from './harness';

// `pnpm --filter @saldo/consolidation verify` against a running ledger: its operators'
// `accountBalances` (every account, paged) or one user's accounts through the router.

describe('consolidation verify against the ledger', () => {
  const stack = useStack({ subgraphs: ['identity', 'ledger', 'consolidation'] });

  /** The ledger has published all it committed, and consolidation has applied all of it. */
  async function caughtUp(): Promise<void> {
    const relay = stack().subgraphs['ledger']!.subgraph.relay;
    const consumer = stack().subgraphs['consolidation']!.subgraph.consumer!;
    await waitFor(async () => (await relay.backlog()) === 0, {
      timeoutMs: 15_000,
      what: 'the ledger to publish its outbox',
    });
    await waitFor(async () => (await consumer.lag()) === 0, {
      timeoutMs: 15_000,
      what: 'consolidation to catch up',
    });
  }

  async function verify(ledger = everyAccount()) {
    const drift: Drift[] = [];
    const em = stack().subgraphs['consolidation']!.subgraph.orm.em.fork();
    const summary = await verifyProjection(em, ledger, (d) => drift.push(d), 2);
    return { summary, drift: drift.map((d) => [d.accountId, d.reason, d.difference]) };
  }

  const everyAccount = () =>
    ledgerSubgraphBalances(
      stack().subgraphs['ledger']!.subgraph.url,
      testKeys.privateKey,
      TEST_ISSUER,
    );

  const projection = (text: string, params: unknown[]) =>
    stack().subgraphs['consolidation']!.subgraph.orm.em.getConnection().execute(text, params);

  it('finds no drift once caught up, then every account the projection has wrong or lacks', async () => {
    const accounts: Record<string, string> = {};
    const ana = await registerUser(stack().client, 'ana');
    const bob = await registerUser(stack().client, 'bob');
    for (const [who, user, name] of [
      ['ana1', ana, 'Nubank'],
      ['ana2', ana, 'Itaú'],
      ['bob1', bob, 'Inter'],
    ] as const) {
      const { createAccount } = await user.client.ok<{ createAccount: { id: string } }>(
        'mutation($n: String!) { createAccount(input: { name: $n, type: CHECKING, currency: "BRL", initialBalance: "10.00" }) { id } }',
        { n: name },
      );
      accounts[who] = createAccount.id;
    }
    await ana.client.ok(
      'mutation($a: ID!, $b: ID!) { createEntry(input: { kind: TRANSFER, accountId: $a, toAccountId: $b, amount: "3.50" }) { id } }',
      { a: accounts['ana1'], b: accounts['ana2'] },
    );
    await bob.client.ok(
      'mutation($a: ID!) { createEntry(input: { kind: EXPENSE, accountId: $a, amount: "1.25" }) { id } }',
      { a: accounts['bob1'] },
    );
    await caughtUp();
    // Three accounts of two users, read in pages of two on both sides.
    expect(await verify()).toEqual({ summary: { users: 2, accounts: 3, drifted: 0 }, drift: [] });

    await projection('update proj_1.account_days set credits = credits + 1 where account_id = ?', [
      accounts['ana2'],
    ]);
    await projection('delete from proj_1.account_days where account_id = ?', [accounts['bob1']]);
    await projection('delete from proj_1.accounts where id = ?', [accounts['bob1']]);
    const { summary, drift } = await verify();
    expect(summary).toEqual({ users: 2, accounts: 3, drifted: 2 });
    expect(drift).toEqual(
      expect.arrayContaining([
        [accounts['ana2'], 'AMOUNT', '1'],
        [accounts['bob1'], 'MISSING_IN_PROJECTION', null],
      ]),
    );

    // Through the router with Ana's session: her accounts only.
    const mine = await verify(routerBalances(stack().router.url, `Bearer ${ana.accessToken}`));
    expect(mine).toEqual({
      summary: { users: 1, accounts: 2, drifted: 1 },
      drift: [[accounts['ana2'], 'AMOUNT', '1']],
    });
  });
});
