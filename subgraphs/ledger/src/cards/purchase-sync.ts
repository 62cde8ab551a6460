import type { EntityManager, Logger } from '@saldo/kit';
import type { CategoryService } from '../categories/category.service';
import type { EntryCommand } from '../entries/entry-input';
import { EntryKind, EntrySource, type EntryRecord } from '../entries/entry.model';
import type { EntryService } from '../entries/entry.service';
import { claimVersion } from './card-sync';
import {
  bookedEntries,
  patchFor,
  usableCategory,
  wantedEntries,
  type PurchaseData,
  type WantedEntry,
} from './purchase-entries';

/** Card purchases booked as their installments' EXPENSE entries. */
export class PurchaseSync {
  constructor(
    private readonly entries: EntryService,
    private readonly categories: CategoryService,
  ) {}

  /**
   * Makes the ledger book a purchase as its latest snapshot says: an EXPENSE from the
   * card's liability account per installment, dated in its invoice month, net of
   * refunds. Entries no longer wanted are deleted (reversed, kept as history), changed
   * ones edited (reversal + new postings), new ones created. A snapshot older than one
   * already applied is skipped. Runs inside the consumer's transaction.
   */
  async sync(
    em: EntityManager,
    userId: string,
    purchase: PurchaseData,
    log: Logger,
  ): Promise<void> {
    if (!(await claimVersion(em, userId, purchase.id, purchase.version))) {
      log.info({ purchaseId: purchase.id, version: purchase.version }, 'stale purchase; skipped');
      return;
    }
    const categoryId = await usableCategory(this.categories, em, userId, purchase.categoryId);
    const wanted = wantedEntries(purchase, categoryId);
    const booked = await bookedEntries(em, userId, purchase.id);
    const wantedIds = new Set(wanted.map((w) => w.externalId));
    for (const entry of booked) {
      if (!entry.deleted && !wantedIds.has(entry.externalId ?? '')) {
        await this.entries.deleteInTransaction(em, userId, entry.id);
      }
    }
    const create = await this.apply(em, userId, booked, wanted, log);
    if (create.length > 0) {
      const commands = create.map((w) => commandFor(purchase, w));
      await this.entries.createInTransaction(em, userId, commands, purchase.purchaseDate);
    }
  }

  /** Edits the booked entries that differ from what is wanted; returns what is missing. */
  private async apply(
    em: EntityManager,
    userId: string,
    booked: readonly EntryRecord[],
    wanted: readonly WantedEntry[],
    log: Logger,
  ): Promise<WantedEntry[]> {
    const byExternal = new Map(booked.map((e) => [e.externalId, e]));
    const missing: WantedEntry[] = [];
    for (const w of wanted) {
      const entry = byExternal.get(w.externalId);
      if (!entry) {
        missing.push(w);
      } else if (entry.deleted) {
        // Refunds only ever lower an installment; cards gives changed purchases new installments.
        log.warn({ externalId: w.externalId }, 'installment entry was deleted; not revived');
      } else {
        const patch = patchFor(entry, w);
        if (patch) await this.entries.updateInTransaction(em, userId, entry.id, patch);
      }
    }
    return missing;
  }
}

function commandFor(purchase: PurchaseData, w: WantedEntry): EntryCommand {
  return {
    kind: EntryKind.EXPENSE,
    accountId: purchase.liabilityAccountId,
    amount: w.amountText,
    categoryId: w.categoryId,
    date: w.date,
    description: w.description,
    source: EntrySource.CARDS,
    externalId: w.externalId,
  };
}
