import { createInternalSigner, decodePem, newId, parseAmount, Scope } from '@saldo/kit';
import type { Balance } from './drift';

/** Where verify reads the ledger's current balances. */
export type LedgerBalances =
  | {
      /** Every account the ledger holds, in account id order, a page at a time. */
      kind: 'every account';
      pages(): AsyncIterable<Balance[]>;
    }
  | {
      /** The accounts of the one user whose session this is (null: not signed in). */
      kind: 'one user';
      user(): Promise<{ userId: string; balances: Balance[] } | null>;
    };

type MoneyData = { amount: string; currency: string };

function toBalance(accountId: string, userId: string, money: MoneyData): Balance {
  return {
    accountId,
    userId,
    currency: money.currency,
    amount: parseAmount(money.amount, money.currency),
  };
}

/** One GraphQL request; throws with the errors when no data comes back. */
async function ask<T>(
  url: string,
  authorization: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: unknown };
  if (!body.data) throw new Error(`ledger query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const PAGE = `query($after: String) { accountBalances(first: 500, after: $after) {
  edges { node { accountId userId balance { amount currency } } }
  pageInfo { hasNextPage endCursor } } }`;

interface Page {
  accountBalances: {
    edges: { node: { accountId: string; userId: string; balance: MoneyData } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/**
 * The ledger subgraph itself, through its operators' `accountBalances`, with an internal
 * admin token signed by the router's key (on behalf of this verify run).
 */
export function ledgerSubgraphBalances(
  url: string,
  privateKey: string,
  issuer: string,
): LedgerBalances {
  const signer = createInternalSigner(decodePem(privateKey), issuer);
  const operator = newId();
  async function* pages(): AsyncGenerator<Balance[]> {
    const sign = await signer;
    for (let after: string | null = null; ;) {
      const token = await sign('ledger', { sub: operator, scopes: [Scope.ADMIN] });
      const { accountBalances: page }: Page = await ask<Page>(url, `Bearer ${token}`, PAGE, {
        after,
      });
      yield page.edges.map(({ node }) => toBalance(node.accountId, node.userId, node.balance));
      if (!page.pageInfo.hasNextPage) return;
      after = page.pageInfo.endCursor;
    }
  }
  return { kind: 'every account', pages };
}

interface Mine {
  me: { id: string } | null;
  accounts: { id: string; balance: MoneyData }[];
}

/** The router with one user's session token (`Bearer ...`): that user's accounts only. */
export function routerBalances(url: string, authorization: string): LedgerBalances {
  return {
    kind: 'one user',
    async user() {
      const { me, accounts } = await ask<Mine>(
        url,
        authorization,
        '{ me { id } accounts(includeArchived: true) { id balance { amount currency } } }',
      );
      if (!me) return null;
      return { userId: me.id, balances: accounts.map((a) => toBalance(a.id, me.id, a.balance)) };
    },
  };
}
