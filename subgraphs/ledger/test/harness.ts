import { newId, type EntityManager } from '@saldo/kit';
import {
  startTestSubgraph,
  type GraphQLResponse,
  type TestClient,
  type TestSubgraph,
} from '@saldo/kit/testing';
import { startLedger, type LedgerSubgraph } from '../src/app';
import type { LedgerConfig } from '../src/config';
import type { LedgerServices } from '../src/services';

export const ACCOUNT_FIELDS =
  'id name type currency archived allowNegative balance { amount currency } initialBalance { amount currency }';
export const ENTRY_FIELDS = `id kind status date dueDate description tags source externalId version
  amount { amount currency } toAmount { amount currency } account { id } toAccount { id } category { id }
  postings { account { id } amount { amount currency } date }`;

export interface AccountData {
  id: string;
  name: string;
  currency: string;
  archived: boolean;
  balance: { amount: string; currency: string };
}

export interface EntryData {
  id: string;
  kind: string;
  status: string;
  date: string;
  dueDate: string | null;
  version: number;
  source: string;
  amount: { amount: string; currency: string };
  toAmount: { amount: string; currency: string } | null;
  postings: {
    account: { id: string };
    amount: { amount: string; currency: string };
    date: string;
  }[];
}

/** A user's view of the ledger through GraphQL. */
export class Api {
  constructor(
    readonly client: TestClient,
    readonly userId: string,
  ) {}

  request<T = Record<string, unknown>>(
    q: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    return this.client.request<T>(q, variables);
  }

  ok<T = Record<string, unknown>>(q: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.client.ok<T>(q, variables);
  }

  async account(input: Record<string, unknown>): Promise<AccountData> {
    const data = await this.ok<{ createAccount: AccountData }>(
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { ${ACCOUNT_FIELDS} } }`,
      { input: { type: 'CHECKING', currency: 'BRL', name: 'Conta', ...input } },
    );
    return data.createAccount;
  }

  async category(name: string, kind: 'INCOME' | 'EXPENSE', parentId?: string): Promise<string> {
    const data = await this.ok<{ createCategory: { id: string } }>(
      'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }',
      { input: { name, kind, parentId } },
    );
    return data.createCategory.id;
  }

  createEntry(
    input: Record<string, unknown>,
  ): Promise<GraphQLResponse<{ createEntry: EntryData }>> {
    return this.request<{ createEntry: EntryData }>(
      `mutation($input: CreateEntryInput!) { createEntry(input: $input) { ${ENTRY_FIELDS} } }`,
      { input },
    );
  }

  async entry(input: Record<string, unknown>): Promise<EntryData> {
    const result = await this.createEntry(input);
    if (!result.data) throw new Error(`createEntry failed: ${JSON.stringify(result.errors)}`);
    return result.data.createEntry;
  }

  async balance(accountId: string): Promise<string> {
    const data = await this.ok<{ account: AccountData }>(
      'query($id: ID!) { account(id: $id) { balance { amount } } }',
      { id: accountId },
    );
    return data.account.balance.amount;
  }
}

export interface Ledger {
  t: TestSubgraph<LedgerSubgraph>;
  /** The running ledger's services: the same graph its resolvers and handlers use. */
  services: LedgerServices;
  as(userId?: string, timeZone?: string): Api;
  /** A fresh EntityManager on the ledger's database, for the kit's `query` in assertions. */
  em(): EntityManager;
  stop(): Promise<void>;
}

/** A ledger subgraph on a fresh database and NATS namespace, scheduler off. */
export async function startLedgerForTest(
  name: string,
  config: Partial<LedgerConfig> = {},
): Promise<Ledger> {
  const t = await startTestSubgraph<LedgerSubgraph, LedgerConfig>(name, startLedger, {
    LEDGER_SCHEDULER_INTERVAL_MS: 0,
    ...config,
  });
  return {
    t,
    services: t.subgraph.services,
    as: (userId = newId(), timeZone?: string) =>
      new Api(t.client.as(userId, undefined, timeZone), userId),
    em: () => t.subgraph.orm.em.fork(),
    stop: () => t.cleanup(),
  };
}

/** Every account's stored balance equals its initial balance plus its postings. */
export const BALANCE_MISMATCHES = `
  select a.id, a.balance, a.initial_balance + coalesce(sum(p.amount), 0) as computed
    from accounts a left join postings p on p.account_id = a.id
   group by a.id having a.balance <> a.initial_balance + coalesce(sum(p.amount), 0)`;

/** Postings of each entry version sum to zero per currency. */
export const UNBALANCED_ENTRIES = `
  select entry_id, entry_version, currency, sum(amount) from postings
   group by entry_id, entry_version, reversal, currency having sum(amount) <> 0`;
