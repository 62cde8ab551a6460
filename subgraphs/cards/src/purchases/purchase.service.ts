import {
  badInput,
  newId,
  notFound,
  recordEvents,
  type ConnectionValue,
  type EntityManager,
  type PageArgs,
} from '@saldo/kit';
import { paginateEach } from '../common/connections';
import { conflict, invalidState, notFoundField } from '@saldo/kit';
import { idOf } from '../common/input';
import { cardRepository } from '../cards/card.repository';
import type { CardService } from '../cards/card.service';
import { refreshInvoices } from '../invoices/invoice-refresh';
import {
  keyOf,
  patchedTerms,
  purchaseHash,
  termsOf,
  totalOf,
  type NewPurchase,
  type PurchasePatch,
} from './purchase-input';
import {
  checkLimit,
  lockPurchase,
  planFor,
  purchaseEvent,
  replan,
  writeInstallments,
} from './purchase-plan';
import type { PurchaseRecord } from './purchase.model';
import { purchaseRepository as repo } from './purchase.repository';

/** Purchases: create (split into installments), change, delete; reads. */
export class PurchaseService {
  constructor(private readonly cards: CardService) {}

  async get(em: EntityManager, userId: string, id: string): Promise<PurchaseRecord> {
    const purchase = await repo.byId(em, userId, idOf(id, 'Purchase', 'id'));
    if (!purchase || purchase.deleted) throw notFound('Purchase', id);
    return purchase;
  }

  /** Live or deleted, the caller's only. */
  byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<PurchaseRecord[]> {
    return repo.byIds(em, userId, ids);
  }

  installmentsOf(em: EntityManager, purchaseIds: readonly string[]) {
    return repo.installments(em, purchaseIds);
  }

  refundsOf(em: EntityManager, purchaseIds: readonly string[]) {
    return repo.refunds(em, purchaseIds);
  }

  /** The same page of each card's live purchases (newest first), one statement for all. */
  pagesOfCards(
    em: EntityManager,
    userId: string,
    cardIds: readonly string[],
    args: PageArgs,
  ): Promise<ConnectionValue<PurchaseRecord>[]> {
    return paginateEach(
      cardIds,
      args,
      'purchases',
      (p: PurchaseRecord) => [p.purchaseDate, p.id],
      (p) => p.cardId,
      (request) => repo.pagesOfCards(em, userId, cardIds, request),
    );
  }

  /**
   * `fromStatement`: a purchase the bank already accepted (an imported statement row):
   * neither the limit nor the card's first invoice can refuse it.
   */
  async create(
    em: EntityManager,
    userId: string,
    input: NewPurchase,
    timeZone: string,
    fromStatement = false,
  ): Promise<PurchaseRecord> {
    const today = this.cards.today(timeZone);
    const terms = termsOf(input, today);
    const key = keyOf(input.idempotencyKey);
    const cardId = idOf(input.cardId, 'Card', 'cardId');
    return em.transactional(async (tx) => {
      // The card's row lock makes purchases on one card run one at a time: two that
      // together pass the limit cannot both see it available.
      const card = await cardRepository.byId(tx, userId, cardId, true);
      if (!card) throw notFoundField('Card', 'cardId', cardId);
      const total = totalOf(input.totalAmount, card.currency, terms.installmentCount);
      const hash = purchaseHash(card.id, terms, total);
      const replay = key ? await this.replay(tx, userId, key, hash) : null;
      if (replay) return replay;
      if (card.archived) throw invalidState('The card is archived', { field: 'cardId' });
      const plan = await planFor(tx, card, total, terms, fromStatement);
      if (!fromStatement) await checkLimit(tx, card, total);
      const purchase: PurchaseRecord = {
        id: newId(),
        userId,
        cardId: card.id,
        currency: card.currency,
        ...terms,
        total,
        idempotencyKey: key,
        requestHash: hash,
        version: 1,
        deleted: false,
        createdAt: new Date(),
      };
      // Skipped: the same key was just used on another card; its first result decides.
      if (!(await repo.insert(tx, purchase))) return (await this.replay(tx, userId, key!, hash))!;
      const invoices = await writeInstallments(tx, card, purchase, plan);
      await recordEvents(tx, [
        await purchaseEvent(tx, 'cards.purchase.created', card, purchase),
        ...(await refreshInvoices(tx, card, invoices, today)),
      ]);
      return purchase;
    });
  }

  /** The purchase first created with `key`, if the input matches; CONFLICT if not. */
  private async replay(
    tx: EntityManager,
    userId: string,
    key: string,
    hash: string,
  ): Promise<PurchaseRecord | null> {
    const existing = await repo.byKey(tx, userId, key);
    if (!existing) return null;
    if (existing.requestHash !== hash) {
      throw conflict('This idempotencyKey was already used with a different input', {
        field: 'idempotencyKey',
      });
    }
    return existing;
  }

  /**
   * Changes a purchase. A new amount, date or count replaces its installments (the old
   * ones are cancelled, kept as history) and re-checks the limit for what it adds.
   */
  async update(
    em: EntityManager,
    userId: string,
    id: string,
    patch: PurchasePatch,
    timeZone: string,
  ): Promise<PurchaseRecord> {
    const today = this.cards.today(timeZone);
    return em.transactional(async (tx) => {
      const { card, purchase } = await lockPurchase(tx, userId, id);
      const terms = patchedTerms(purchase, patch, today);
      const total = patch.totalAmount
        ? totalOf(patch.totalAmount, card.currency, terms.installmentCount)
        : purchase.total;
      if (total < BigInt(terms.installmentCount)) {
        throw badInput('Each installment must be at least one cent', { field: 'installmentCount' });
      }
      if (total < (await repo.refunded(tx, purchase.id))) {
        throw badInput('The total cannot go below what was refunded', { field: 'totalAmount' });
      }
      const moneyChanged =
        total !== purchase.total ||
        terms.purchaseDate !== purchase.purchaseDate ||
        terms.installmentCount !== purchase.installmentCount;
      const touched = moneyChanged ? await replan(tx, card, purchase, total, terms) : [];
      const saved = await repo.save(tx, { ...purchase, ...terms, total });
      await recordEvents(tx, [
        await purchaseEvent(tx, 'cards.purchase.updated', card, saved),
        ...(await refreshInvoices(tx, card, touched, today)),
      ]);
      return saved;
    });
  }

  /** Deletes a purchase: its installments leave their invoices and the limit comes back. */
  async delete(
    em: EntityManager,
    userId: string,
    id: string,
    timeZone: string,
  ): Promise<PurchaseRecord> {
    const today = this.cards.today(timeZone);
    return em.transactional(async (tx) => {
      const { card, purchase } = await lockPurchase(tx, userId, id);
      if ((await repo.refunded(tx, purchase.id)) > 0n) {
        throw invalidState('A refunded purchase cannot be deleted; refund the rest instead', {
          id,
        });
      }
      const touched = await repo.cancelInstallments(tx, purchase.id);
      const saved = await repo.save(tx, { ...purchase, deleted: true });
      await recordEvents(tx, [
        await purchaseEvent(tx, 'cards.purchase.deleted', card, saved),
        ...(await refreshInvoices(tx, card, touched, today)),
      ]);
      return saved;
    });
  }
}
