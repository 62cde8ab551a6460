import { parseAmount, type EntityManager } from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { CategoryKind } from '../categories/category.model';
import type { CategoryService } from '../categories/category.service';
import { query } from '@saldo/kit';
import type { EntryPatch } from '../entries/entry-changes';
import {
  ENTRY_COLUMNS,
  toEntryRecord,
  type EntryRecord,
  type EntryRow,
} from '../entries/entry.model';

export type PurchaseData = EventData<'cards.purchase.created'>['purchase'];
export type InstallmentData = PurchaseData['installments'][number];

/** An installment's entry: source CARDS, external id naming the purchase and the installment. */
export const installmentExternalId = (purchaseId: string, installmentId: string) =>
  `installment:${purchaseId}:${installmentId}`;

/** What an installment's entry should say. */
export interface WantedEntry {
  externalId: string;
  amount: bigint;
  amountText: string;
  date: string;
  categoryId: string | null;
  description: string;
}

/** The purchase's category if the ledger can book on it (an open expense category), else none. */
export async function usableCategory(
  categories: Pick<CategoryService, 'byIds'>,
  em: EntityManager,
  userId: string,
  categoryId: string | null,
): Promise<string | null> {
  if (!categoryId) return null;
  const [category] = await categories.byIds(em, userId, [categoryId]);
  const usable = category && category.kind === CategoryKind.EXPENSE && !category.archived;
  return usable ? categoryId : null;
}

/** One entry per installment with something left after refunds; none once deleted. */
export function wantedEntries(p: PurchaseData, categoryId: string | null): WantedEntry[] {
  if (p.deleted) return [];
  return p.installments
    .map((i) => ({ i, amount: parseAmount(i.netAmount.amount, i.netAmount.currency) }))
    .filter(({ amount }) => amount > 0n)
    .map(({ i, amount }) => ({
      externalId: installmentExternalId(p.id, i.id),
      amount,
      amountText: i.netAmount.amount,
      date: i.date,
      categoryId,
      description:
        p.installmentCount > 1
          ? `${p.description} (${i.number}/${p.installmentCount})`
          : p.description,
    }));
}

/** The entries booked for a purchase so far, deleted ones included. */
export async function bookedEntries(
  em: EntityManager,
  userId: string,
  purchaseId: string,
): Promise<EntryRecord[]> {
  const rows = await query<EntryRow>(
    em,
    `select ${ENTRY_COLUMNS} from entries e
      where e.user_id = ?::uuid and e.source = 'CARDS' and e.external_id like ?`,
    [userId, `${installmentExternalId(purchaseId, '')}%`],
  );
  return rows.map(toEntryRecord);
}

/** The fields of a booked entry that differ from what is wanted; null if none. */
export function patchFor(entry: EntryRecord, wanted: WantedEntry): EntryPatch | null {
  const patch: EntryPatch = {};
  if (entry.amount !== wanted.amount) patch.amount = wanted.amountText;
  if (entry.date !== wanted.date) patch.date = wanted.date;
  if (entry.categoryId !== wanted.categoryId) patch.categoryId = wanted.categoryId;
  if (entry.description !== wanted.description) patch.description = wanted.description;
  return Object.keys(patch).length > 0 ? patch : null;
}
