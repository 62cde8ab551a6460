import type { EntityManager } from '@saldo/kit';
import { query, queryOne } from '../common/sql';

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

  /** initialBalance + the postings dated on or before `date` (reversals included). */
  async balanceAt(em: EntityManager, account: AccountRecord, date: string): Promise<bigint> {
    const row = await queryOne<{ total: string | null }>(
      em,
      'select sum(amount) as total from postings where account_id = ?::uuid and date <= ?::date',
      [account.id, date],
    );
    return account.initialBalance + BigInt(row?.total ?? '0');
  }
}
