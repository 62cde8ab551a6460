import type { EntrySnapshot } from '@saldo/events';
import { parseAmount, query, queryOne, type EntityManager } from '@saldo/kit';
import { normalizeDescription, type KnownEntry } from './matcher';

interface Movement {
  accountId: string;
  amount: bigint;
}

/** What an entry moves per real account: its postings, or (pending) what it will post. */
function movements(e: EntrySnapshot): Movement[] {
  if (e.postings.length > 0) {
    const sums = new Map<string, bigint>();
    for (const p of e.postings) {
      const minor = parseAmount(p.amount.amount, p.amount.currency);
      sums.set(p.accountId, (sums.get(p.accountId) ?? 0n) + minor);
    }
    return [...sums].map(([accountId, amount]) => ({ accountId, amount }));
  }
  const amount = parseAmount(e.amount.amount, e.amount.currency);
  if (e.kind === 'INCOME') return [{ accountId: e.accountId, amount }];
  if (e.kind === 'EXPENSE') return [{ accountId: e.accountId, amount: -amount }];
  const to = e.toAmount ? parseAmount(e.toAmount.amount, e.toAmount.currency) : amount;
  return [
    { accountId: e.accountId, amount: -amount },
    ...(e.toAccountId ? [{ accountId: e.toAccountId, amount: to }] : []),
  ];
}

/** The ledger's entries as its events tell them; the newest version wins. */
export const entryReadModel = {
  async apply(em: EntityManager, e: EntrySnapshot): Promise<void> {
    const seen = await queryOne<{ version: number }>(
      em,
      'select max(version) as version from ledger_entries where entry_id = ?::uuid',
      [e.id],
    );
    if (seen?.version != null && seen.version >= e.version) return;
    await query(em, 'delete from ledger_entries where entry_id = ?::uuid', [e.id]);
    const moves = movements(e);
    if (moves.length === 0) moves.push({ accountId: e.accountId, amount: 0n });
    await query(
      em,
      `insert into ledger_entries (entry_id, user_id, account_id, date, amount, description,
         norm_description, external_id, source, category_id, version, deleted)
       select ?::uuid, ?::uuid, a, ?::date, m, ?, ?, ?, ?, ?::uuid, ?, ?
         from unnest(?::uuid[], ?::bigint[]) as t(a, m)`,
      [
        e.id,
        e.userId,
        e.date,
        e.description,
        normalizeDescription(e.description),
        e.externalId,
        e.source,
        e.categoryId,
        e.version,
        e.deleted,
        moves.map((m) => m.accountId),
        moves.map((m) => m.amount.toString()),
      ],
    );
  },

  /** Live entries of the account that could match rows dated from `from` to `to`. */
  async candidates(
    em: EntityManager,
    userId: string,
    accountId: string,
    from: string,
    to: string,
    externalIds: readonly string[],
  ): Promise<KnownEntry[]> {
    const rows = await query<{
      entry_id: string;
      date: string;
      amount: string;
      description: string;
      external_id: string | null;
      source: string;
    }>(
      em,
      `select entry_id, date::text as date, amount, description, external_id, source
         from ledger_entries
        where user_id = ?::uuid and account_id = ?::uuid and not deleted
          and ((date between ?::date and ?::date) or external_id = any(?::text[]))`,
      [userId, accountId, from, to, externalIds],
    );
    return rows.map((r) => ({
      entryId: r.entry_id,
      date: r.date,
      amount: BigInt(r.amount),
      description: r.description,
      externalId: r.external_id,
      source: r.source,
    }));
  },

  /** The category the user gave most often to entries with each normalised description. */
  async categories(
    em: EntityManager,
    userId: string,
    descriptions: readonly string[],
  ): Promise<Map<string, string>> {
    if (descriptions.length === 0) return new Map();
    const rows = await query<{ norm_description: string; category_id: string }>(
      em,
      `select distinct on (norm_description) norm_description, category_id
         from ledger_entries
        where user_id = ?::uuid and not deleted and category_id is not null
          and norm_description = any(?::text[])
        group by norm_description, category_id
        order by norm_description, count(*) desc, category_id`,
      [userId, descriptions],
    );
    return new Map(rows.map((r) => [r.norm_description, r.category_id]));
  },
};
