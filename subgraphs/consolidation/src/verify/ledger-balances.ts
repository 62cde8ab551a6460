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

const ACCOUNTS = 'accounts(includeArchived: true) { id balance { amount currency } }';

interface Answer {
  data?: {
    me?: { id: string };
    accounts: { id: string; balance: { amount: string; currency: string } }[];
  } | null;
  errors?: { message: string }[];
}

async function ask(
  url: string,
  authorization: string,
  query: string,
): Promise<NonNullable<Answer['data']>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as Answer;
  if (!body.data) throw new Error(`ledger accounts query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

function balances(userId: string, data: NonNullable<Answer['data']>): Balance[] {
  return data.accounts.map((a) => ({
    accountId: a.id,
    userId,
    currency: a.balance.currency,
    amount: parseAmount(a.balance.amount, a.balance.currency),
  }));
}

const PAGE = `query($after: String) { accountBalances(first: 500, after: $after) {
  edges { node { accountId userId balance { amount currency } } }
  pageInfo { hasNextPage endCursor } } }`;

interface PageAnswer {
  data?: {
    accountBalances: {
      edges: {
        node: { accountId: string; userId: string; balance: { amount: string; currency: string } };
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  } | null;
  errors?: { message: string }[];
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
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: PAGE, variables: { after } }),
      });
      const body = (await response.json()) as PageAnswer;
      if (!body.data)
        throw new Error(`ledger accountBalances query failed: ${JSON.stringify(body.errors)}`);
      const { edges, pageInfo } = body.data.accountBalances;
      yield edges.map(({ node }) => ({
        accountId: node.accountId,
        userId: node.userId,
        currency: node.balance.currency,
        amount: parseAmount(node.balance.amount, node.balance.currency),
      }));
      if (!pageInfo.hasNextPage) return;
      after = pageInfo.endCursor;
    }
  }
  return { kind: 'every account', pages };
}

/** The router with one user's session token (`Bearer ...`): that user's accounts only. */
export function routerBalances(url: string, authorization: string): LedgerBalances {
  return {
    kind: 'one user',
    async user() {
      const data = await ask(url, authorization, `{ me { id } ${ACCOUNTS} }`);
      return data.me ? { userId: data.me.id, balances: balances(data.me.id, data) } : null;
    },
  };
}
