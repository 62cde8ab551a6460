import { query, queryOne, type EntityManager } from '@saldo/kit';
import type { EntrySnapshot } from '@saldo/events';
import { parseAmount } from '@saldo/kit';

/** Asset accounts can run low; liabilities (cards, loans) are negative by nature. */
export const LOW_BALANCE_TYPES = new Set(['CHECKING', 'SAVINGS', 'CASH', 'WALLET']);

export const watches = {
  async account(
    em: EntityManager,
    a: { id: string; userId: string; name: string; type: string; currency: string },
  ): Promise<void> {
    await query(
      em,
      `insert into accounts (id, user_id, name, type, currency) values (?::uuid, ?::uuid, ?, ?, ?)
       on conflict (id) do update set name = excluded.name, type = excluded.type`,
      [a.id, a.userId, a.name, a.type, a.currency],
    );
  },

  async balance(em: EntityManager, userId: string, accountId: string, minor: bigint) {
    await query(em, 'update accounts set balance = ? where id = ?::uuid and user_id = ?::uuid', [
      minor.toString(),
      accountId,
      userId,
    ]);
  },

  async accountOf(em: EntityManager, userId: string, id: string) {
    return queryOne<{ name: string; type: string; currency: string }>(
      em,
      'select name, type, currency from accounts where id = ?::uuid and user_id = ?::uuid',
      [id, userId],
    );
  },

  async card(em: EntityManager, c: { id: string; userId: string; name: string; version: number }) {
    await query(
      em,
      `insert into cards (id, user_id, name, version) values (?::uuid, ?::uuid, ?, ?)
       on conflict (id) do update set name = excluded.name, version = excluded.version
       where cards.version < excluded.version`,
      [c.id, c.userId, c.name, c.version],
    );
  },

  async cardNames(em: EntityManager, ids: readonly string[]) {
    const rows = await query<{ id: string; user_id: string; name: string }>(
      em,
      'select id, user_id, name from cards where id = any(?::uuid[])',
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, { userId: r.user_id, name: r.name }]));
  },

  /** Marks an account as under its threshold; true only the first time (until it recovers). */
  async lowBalance(em: EntityManager, userId: string, accountId: string): Promise<boolean> {
    const rows = await query(
      em,
      `insert into low_balance_alerts (account_id, user_id) values (?::uuid, ?::uuid)
       on conflict (account_id) do nothing returning account_id`,
      [accountId, userId],
    );
    return rows.length === 1;
  },

  async recovered(em: EntityManager, accountId: string): Promise<void> {
    await query(em, 'delete from low_balance_alerts where account_id = ?::uuid', [accountId]);
  },

  /** A PENDING expense with a due date is a bill; anything else is not (any more). */
  async bill(em: EntityManager, e: EntrySnapshot): Promise<void> {
    const isBill = e.status === 'PENDING' && e.dueDate && !e.deleted && e.kind === 'EXPENSE';
    if (!isBill) {
      await query(em, 'delete from bills where entry_id = ?::uuid and version <= ?', [
        e.id,
        e.version,
      ]);
      return;
    }
    const amount = parseAmount(e.amount.amount.replace('-', ''), e.amount.currency);
    await query(
      em,
      `insert into bills (entry_id, user_id, description, amount, currency, due_date, version)
       values (?::uuid, ?::uuid, ?, ?, ?, ?::date, ?)
       on conflict (entry_id) do update set description = excluded.description,
         amount = excluded.amount, due_date = excluded.due_date, version = excluded.version
       where bills.version < excluded.version`,
      [e.id, e.userId, e.description, amount.toString(), e.amount.currency, e.dueDate, e.version],
    );
  },
};
