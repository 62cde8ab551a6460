import type { EntrySnapshot } from '@saldo/events';
import { parseAmount, query, type EntityManager } from '@saldo/kit';
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
  /**
   * Applies entry snapshots (a consumer batch) in three statements whatever their count:
   * per entry the highest version given, and only if newer than the one held.
   */
  async applyMany(em: EntityManager, snapshots: readonly EntrySnapshot[]): Promise<void> {
    const latest = new Map<string, EntrySnapshot>();
    for (const e of snapshots) {
      const held = latest.get(e.id);
      if (!held || held.version < e.version) latest.set(e.id, e);
    }
    if (latest.size === 0) return;
    const seen = await query<{ entry_id: string; version: number }>(
      em,
      `select entry_id, max(version) as version from ledger_entries
        where entry_id = any(?::uuid[]) group by entry_id`,
      [[...latest.keys()]],
    );
    for (const s of seen) {
      if ((latest.get(s.entry_id)?.version ?? 0) <= s.version) latest.delete(s.entry_id);
    }
    const fresh = [...latest.values()];
    if (fresh.length === 0) return;
    await query(em, 'delete from ledger_entries where entry_id = any(?::uuid[])', [
      fresh.map((e) => e.id),
    ]);
    const rows = fresh.flatMap((e) => {
      const moves = movements(e);
      return (moves.length > 0 ? moves : [{ accountId: e.accountId, amount: 0n }]).map((m) => ({
        e,
        m,
      }));
    });
    await query(
      em,
      `insert into ledger_entries (entry_id, user_id, account_id, date, amount, description,
         norm_description, external_id, source, category_id, version, deleted)
       select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::date[], ?::bigint[], ?::text[],
         ?::text[], ?::text[], ?::text[], ?::uuid[], ?::int[], ?::boolean[])`,
      [
        rows.map((r) => r.e.id),
        rows.map((r) => r.e.userId),
        rows.map((r) => r.m.accountId),
        rows.map((r) => r.e.date),
        rows.map((r) => r.m.amount.toString()),
        rows.map((r) => r.e.description),
        rows.map((r) => normalizeDescription(r.e.description)),
        rows.map((r) => r.e.externalId),
        rows.map((r) => r.e.source),
        rows.map((r) => r.e.categoryId),
        rows.map((r) => r.e.version),
        rows.map((r) => r.e.deleted),
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
