import {
  badInput,
  event,
  isUuid,
  localDateAt,
  newId,
  notFound,
  paginate,
  recordEvents,
  type ConnectionValue,
  type CursorKey,
  type EntityManager,
  type LocalDate,
  type PageArgs,
} from '@saldo/kit';
import type { Clock } from '@saldo/kit';
import { mapConnection } from '../common/connections';
import { invalidState } from '@saldo/kit';
import {
  amountOf,
  currencyCode,
  dayOfMonth,
  idOf,
  MAX_AMOUNT,
  optionalText,
  requiredText,
} from '../common/input';
import { invoiceMonthFor } from '../invoices/invoice-cycle';
import { refreshInvoices } from '../invoices/invoice-refresh';
import { invoiceRepository } from '../invoices/invoice.repository';
import { cardEventData, CardBrand, type CardRecord } from './card.model';
import { cardRepository as repo, type PagedCard } from './card.repository';

export interface NewCard {
  name: string;
  brand?: CardBrand | null;
  last4?: string | null;
  currency: string;
  limit: string;
  closingDay: number;
  dueDay: number;
  paymentAccountId?: string | null;
}

/** undefined keeps a field; null clears last4 and paymentAccountId. */
export interface CardPatch {
  name?: string | null;
  brand?: CardBrand | null;
  last4?: string | null;
  limit?: string | null;
  closingDay?: number | null;
  dueDay?: number | null;
  paymentAccountId?: string | null;
}

function last4Of(value: string | null | undefined): string | null {
  const text = optionalText(value, 'last4', 4);
  if (text !== null && !/^\d{4}$/.test(text)) {
    throw badInput('last4 is the last four digits of the card number', { field: 'last4' });
  }
  return text;
}

function limitOf(decimal: string, currency: string): bigint {
  const limit = amountOf(decimal, currency, 'limit');
  if (limit < 0n || limit > MAX_AMOUNT) {
    throw badInput('limit must be between 0 and 10^15 units', { field: 'limit' });
  }
  return limit;
}

/** The patched value when given (not undefined or null), else the current one. */
function keep<T, V>(value: V | null | undefined, current: T, parse: (v: V) => T): T {
  return value === undefined || value === null ? current : parse(value);
}

const accountIdOf = (value: string | null | undefined) =>
  value ? idOf(value, 'Account', 'paymentAccountId') : null;

const CREATED_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A cards cursor's key, checked before it reaches SQL (a forged one is bad input, not a 500). */
function cardKeyOf(after: CursorKey | null): CursorKey | null {
  if (after === null) return null;
  const [at, id] = after;
  if (typeof at !== 'string' || !CREATED_KEY.test(at) || typeof id !== 'string' || !isUuid(id)) {
    throw badInput('Invalid cursor', { field: 'after' });
  }
  return [at, id];
}

/** Cards: create, change, archive; the available limit. */
export class CardService {
  constructor(private readonly clock: Clock) {}

  today(timeZone: string): LocalDate {
    return localDateAt(this.clock.now(), timeZone);
  }

  async get(em: EntityManager, userId: string, id: string, lock = false): Promise<CardRecord> {
    const card = await repo.byId(em, userId, idOf(id, 'Card', 'id'), lock);
    if (!card) throw notFound('Card', id);
    return card;
  }

  byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<CardRecord[]> {
    return repo.byIds(em, userId, ids);
  }

  list(em: EntityManager, userId: string, includeArchived: boolean): Promise<CardRecord[]> {
    return repo.list(em, userId, includeArchived);
  }

  /** The user's cards a page at a time, oldest first (like `list`). */
  async page(
    em: EntityManager,
    userId: string,
    includeArchived: boolean,
    args: PageArgs,
  ): Promise<ConnectionValue<CardRecord>> {
    const page = await paginate(
      args,
      'cards',
      (c: PagedCard) => [c.createdKey, c.record.id],
      ({ limit, after }) =>
        repo.page(em, userId, includeArchived, { limit, after: cardKeyOf(after) }),
    );
    return mapConnection(page, (c) => c.record);
  }

  /** What each card owes (installments + adjustments - confirmed payments), by card id. */
  used(em: EntityManager, ids: readonly string[]): Promise<Map<string, bigint>> {
    return repo.used(em, ids);
  }

  /** Available limit per card id: limit - what is owed (it may exceed the limit with a credit). */
  async available(em: EntityManager, cards: readonly CardRecord[]): Promise<Map<string, bigint>> {
    const used = await repo.used(
      em,
      cards.map((c) => c.id),
    );
    return new Map(cards.map((c) => [c.id, c.limit - (used.get(c.id) ?? 0n)]));
  }

  /** A new card, its first (current) invoice, and the id of its ledger liability account. */
  async create(
    em: EntityManager,
    userId: string,
    input: NewCard,
    timeZone: string,
  ): Promise<CardRecord> {
    const currency = currencyCode(input.currency);
    const now = this.clock.now();
    const card: CardRecord = {
      id: newId(),
      userId,
      name: requiredText(input.name, 'name'),
      brand: input.brand ?? CardBrand.OTHER,
      last4: last4Of(input.last4),
      currency,
      limit: limitOf(input.limit, currency),
      closingDay: dayOfMonth(input.closingDay, 'closingDay'),
      dueDay: dayOfMonth(input.dueDay, 'dueDay'),
      paymentAccountId: accountIdOf(input.paymentAccountId),
      liabilityAccountId: newId(),
      archived: false,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const today = this.today(timeZone);
    return em.transactional(async (tx) => {
      await repo.insert(tx, card);
      const month = invoiceMonthFor(today, card);
      const ids = await invoiceRepository.ensure(tx, card, [month]);
      await recordEvents(tx, [
        event('cards.card.created', userId, { card: cardEventData(card) }),
        ...(await refreshInvoices(tx, card, ids.values(), today)),
      ]);
      return card;
    });
  }

  async update(
    em: EntityManager,
    userId: string,
    id: string,
    patch: CardPatch,
  ): Promise<CardRecord> {
    return em.transactional(async (tx) => {
      const before = await this.get(tx, userId, id, true);
      if (before.archived) throw invalidState('The card is archived', { id });
      const changed: CardRecord = {
        ...before,
        name: keep(patch.name, before.name, (v) => requiredText(v, 'name')),
        brand: patch.brand ?? before.brand,
        last4: patch.last4 === undefined ? before.last4 : last4Of(patch.last4),
        limit: keep(patch.limit, before.limit, (v) => limitOf(v, before.currency)),
        closingDay: dayOfMonth(patch.closingDay ?? before.closingDay, 'closingDay'),
        dueDay: dayOfMonth(patch.dueDay ?? before.dueDay, 'dueDay'),
        paymentAccountId:
          patch.paymentAccountId === undefined
            ? before.paymentAccountId
            : accountIdOf(patch.paymentAccountId),
      };
      return this.save(tx, changed);
    });
  }

  /** Archives a card that owes nothing and waits for no payment; the ledger archives its account. */
  async archive(em: EntityManager, userId: string, id: string): Promise<CardRecord> {
    return em.transactional(async (tx) => {
      const card = await this.get(tx, userId, id, true);
      if (card.archived) return card;
      const used = (await repo.used(tx, [card.id])).get(card.id) ?? 0n;
      if (used > 0n || (await repo.pendingPayments(tx, card.id)) > 0) {
        throw invalidState('Pay what the card owes before archiving it', { id });
      }
      return this.save(tx, { ...card, archived: true });
    });
  }

  private async save(tx: EntityManager, card: CardRecord): Promise<CardRecord> {
    const after = await repo.save(tx, card);
    await recordEvents(tx, [
      event('cards.card.updated', card.userId, { card: cardEventData(after) }),
    ]);
    return after;
  }
}
