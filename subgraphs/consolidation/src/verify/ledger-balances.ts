import { createInternalSigner, decodePem, parseAmount, Scope } from '@saldo/kit';
import type { Balance } from './drift';

/**
 * Where verify reads the ledger's current balances. The ledger has no admin query for
 * every account yet, so both implementations ask per user what `accounts` returns.
 */
export interface LedgerBalances {
  /** The users this source can check; null: every user of the projection. */
  users(): Promise<string[] | null>;
  fetchLedgerBalances(userIds: readonly string[]): Promise<Balance[]>;
}

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

/** The ledger subgraph itself, with an internal token per user signed by the router's key. */
export class LedgerSubgraphBalances implements LedgerBalances {
  private readonly signer: ReturnType<typeof createInternalSigner>;

  constructor(
    private readonly url: string,
    privateKey: string,
    issuer: string,
  ) {
    this.signer = createInternalSigner(decodePem(privateKey), issuer);
  }

  async users(): Promise<null> {
    return null;
  }

  async fetchLedgerBalances(userIds: readonly string[]): Promise<Balance[]> {
    const sign = await this.signer;
    const lists = await Promise.all(
      userIds.map(async (userId) => {
        const token = await sign('ledger', { sub: userId, scopes: [Scope.LEDGER_READ] });
        return balances(userId, await ask(this.url, `Bearer ${token}`, `{ ${ACCOUNTS} }`));
      }),
    );
    return lists.flat();
  }
}

/** The router with one user's session token (`Bearer ...`): that user's accounts only. */
export class RouterBalances implements LedgerBalances {
  private answer: Promise<NonNullable<Answer['data']>> | null = null;

  constructor(
    private readonly url: string,
    private readonly authorization: string,
  ) {}

  private load() {
    return (this.answer ??= ask(this.url, this.authorization, `{ me { id } ${ACCOUNTS} }`));
  }

  async users(): Promise<string[]> {
    const data = await this.load();
    return data.me ? [data.me.id] : [];
  }

  async fetchLedgerBalances(userIds: readonly string[]): Promise<Balance[]> {
    const data = await this.load();
    return data.me && userIds.includes(data.me.id) ? balances(data.me.id, data) : [];
  }
}
