import type { EntityManager, Logger } from '@saldo/kit';
import { deleteEntry, updateEntry } from '../entries/entry-changes';
import type { EntryCommand } from '../entries/entry-input';
import { EntryKind, EntrySource } from '../entries/entry.model';
import { entryService } from '../entries/entry.service';
import { claimVersion } from './card-sync';
import {
  bookedEntries,
  patchFor,
  usableCategory,
  wantedEntries,
  type PurchaseData,
} from './purchase-entries';

/**
 * Makes the ledger book a purchase as its latest snapshot says: an EXPENSE from the
 * card's liability account per installment, dated in its invoice month, net of
 * refunds. Entries no longer wanted are deleted (reversed, kept as history), changed
 * ones edited (reversal + new postings), new ones created. A snapshot older than one
 * already applied is skipped. Runs inside the consumer's transaction.
 */
export async function syncPurchase(
  em: EntityManager,
  userId: string,
  purchase: PurchaseData,
  log: Logger,
): Promise<void> {
  if (!(await claimVersion(em, userId, purchase.id, purchase.version))) {
    log.info({ purchaseId: purchase.id, version: purchase.version }, 'stale purchase; skipped');
    return;
  }
  const categoryId = await usableCategory(em, userId, purchase.categoryId);
  const wanted = wantedEntries(purchase, categoryId);
  const booked = await bookedEntries(em, userId, purchase.id);
  const wantedIds = new Set(wanted.map((w) => w.externalId));
  for (const entry of booked) {
    if (!entry.deleted && !wantedIds.has(entry.externalId ?? '')) {
      await deleteEntry(em, userId, entry.id);
    }
  }
  const byExternal = new Map(booked.map((e) => [e.externalId, e]));
  const create: EntryCommand[] = [];
  for (const w of wanted) {
    const entry = byExternal.get(w.externalId);
    if (!entry) {
      create.push({
        kind: EntryKind.EXPENSE,
        accountId: purchase.liabilityAccountId,
        amount: w.amountText,
        categoryId: w.categoryId,
        date: w.date,
        description: w.description,
        source: EntrySource.CARDS,
        externalId: w.externalId,
      });
    } else if (entry.deleted) {
      // Refunds only ever lower an installment; cards gives changed purchases new installments.
      log.warn({ externalId: w.externalId }, 'installment entry was deleted; not revived');
    } else {
      const patch = patchFor(entry, w);
      if (patch) await updateEntry(em, userId, entry.id, patch);
    }
  }
  if (create.length > 0) {
    await entryService.createInTransaction(em, userId, create, purchase.purchaseDate);
  }
}
