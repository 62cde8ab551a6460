import type { EntityManager } from '@saldo/kit';
import { query, queryOne } from '@saldo/kit';

/** Saldo starts in Brazil: the currency of a user with no account yet. */
export const DEFAULT_CURRENCY = 'BRL';
import {
  ACCOUNT_COLUMNS,
  REAL_ACCOUNT,
  classOf,
  toAccountRecord,
  type AccountRecord,
  type AccountRow,
} from './account.model';

/** One account's balance asked for at the end of one day. */
export interface BalanceAtKey {
  accountId: string;
  date: string;
}

/** SQL for the user's real accounts; every statement is scoped by user id. */
export class AccountRepository {
  async byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<AccountRecord[]> {
    const rows = await query<AccountRow>(
      em,
      `select ${ACCOUNT_COLUMNS} from accounts
        where user_id = ?::uuid and id = any(array[?]::uuid[]) and ${REAL_ACCOUNT}`,
      [userId, ids],
    );
    return rows.map(toAccountRecord);
  }

  async byId(
    em: EntityManager,
    userId: string,
    id: string,
    lock = false,
  ): Promise<AccountRecord | null> {
    const row = await queryOne<AccountRow>(
      em,
      `select ${ACCOUNT_COLUMNS} from accounts
        where user_id = ?::uuid and id = ?::uuid and ${REAL_ACCOUNT}${lock ? ' for update' : ''}`,
      [userId, id],
    );
    return row ? toAccountRecord(row) : null;
  }

  async byExternalId(
    em: EntityManager,
    userId: string,
    externalId: string,
  ): Promise<AccountRecord | null> {
    const row = await queryOne<AccountRow>(
      em,
      `select ${ACCOUNT_COLUMNS} from accounts
        where user_id = ?::uuid and external_id = ? and ${REAL_ACCOUNT}`,
      [userId, externalId],
    );
    return row ? toAccountRecord(row) : null;
  }

  async list(
    em: EntityManager,
    userId: string,
    includeArchived: boolean,
  ): Promise<AccountRecord[]> {
    const rows = await query<AccountRow>(
      em,
      `select ${ACCOUNT_COLUMNS} from accounts
        where user_id = ?::uuid and ${REAL_ACCOUNT} ${includeArchived ? '' : 'and not archived'}
        order by created_at, id`,
      [userId],
    );
    return rows.map(toAccountRecord);
  }

  /** Operators: every user's real accounts after `afterId`, by id (keyset pages). */
  async everyUsersAfter(
    em: EntityManager,
    afterId: string | null,
    limit: number,
  ): Promise<AccountRecord[]> {
    const rows = await query<AccountRow>(
      em,
      `select ${ACCOUNT_COLUMNS} from accounts
        where id > ?::uuid and ${REAL_ACCOUNT}
        order by id limit ?`,
      [afterId ?? '00000000-0000-0000-0000-000000000000', limit],
    );
    return rows.map(toAccountRecord);
  }

  /** Inserts unless the external id is taken; returns whether a row was written. */
  async insert(em: EntityManager, a: AccountRecord): Promise<boolean> {
    const rows = await query<{ id: string }>(
      em,
      `insert into accounts (id, user_id, class, type, name, currency, balance, initial_balance,
         allow_negative, archived, color, icon, external_id, created_at, updated_at)
       values (?::uuid, ?::uuid, ?, ?, ?, ?, ?::bigint, ?::bigint, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz)
       on conflict do nothing returning id`,
      [
        a.id,
        a.userId,
        classOf(a.type),
        a.type,
        a.name,
        a.currency,
        a.balance,
        a.initialBalance,
        a.allowNegative,
        a.archived,
        a.color,
        a.icon,
        a.externalId,
        a.createdAt.toISOString(),
        a.updatedAt.toISOString(),
      ],
    );
    return rows.length === 1;
  }

  async save(em: EntityManager, a: AccountRecord): Promise<AccountRecord> {
    const row = await queryOne<AccountRow>(
      em,
      `update accounts set name = ?, balance = ?::bigint, initial_balance = ?::bigint,
         allow_negative = ?, archived = ?, color = ?, icon = ?, updated_at = now()
       where id = ?::uuid and user_id = ?::uuid returning ${ACCOUNT_COLUMNS}`,
      [
        a.name,
        a.balance,
        a.initialBalance,
        a.allowNegative,
        a.archived,
        a.color,
        a.icon,
        a.id,
        a.userId,
      ],
    );
    if (!row) throw new Error(`account ${a.id} vanished inside its transaction`);
    return toAccountRecord(row);
  }

  /** The currency of the user's oldest open account: the default for budgets and summaries. */
  async primaryCurrency(em: EntityManager, userId: string): Promise<string> {
    const row = await queryOne<{ currency: string }>(
      em,
      `select currency from accounts where user_id = ?::uuid and ${REAL_ACCOUNT} and not archived
        order by created_at, id limit 1`,
      [userId],
    );
    return row?.currency ?? DEFAULT_CURRENCY;
  }

  /**
   * The sum of each account's postings dated on or before its date (reversals included),
   * in the order of `keys`: one statement for any number of accounts and dates. The
   * accounts were already scoped to the caller.
   */
  async postingTotalsAt(em: EntityManager, keys: readonly BalanceAtKey[]): Promise<bigint[]> {
    if (keys.length === 0) return [];
    const rows = await query<{ n: string; total: string | null }>(
      em,
      `select k.n, (select sum(p.amount) from postings p
                     where p.account_id = k.account_id and p.date <= k.date) as total
         from unnest(array[?]::uuid[], array[?]::date[]) with ordinality as k(account_id, date, n)`,
      [keys.map((k) => k.accountId), keys.map((k) => k.date)],
    );
    const totals = keys.map(() => 0n);
    for (const row of rows) totals[Number(row.n) - 1] = BigInt(row.total ?? '0');
    return totals;
  }
}
