import {
  assertLocalDate,
  badInput,
  notFound,
  paginate,
  recordEvents,
  type ConnectionValue,
  type EntityManager,
  type PageArgs,
  type PageRequest,
} from '@saldo/kit';
import { paginateEach } from '../common/connections';
import { invalidState } from '@saldo/kit';
import { idOf } from '../common/input';
import { query } from '@saldo/kit';
import type { CardRecord } from '../cards/card.model';
import { cardRepository } from '../cards/card.repository';
import type { CardService } from '../cards/card.service';
import { addMonthsToMonth, datesOf, type InvoiceDates } from './invoice-cycle';
import { itemsOf, type InvoiceItemRecord } from './invoice-items';
import { refreshInvoices } from './invoice-refresh';
import { InvoiceStatus } from './invoice-state';
import {
  INVOICE_SELECT,
  toInvoiceRecord,
  type InvoiceRecord,
  type InvoiceRow,
} from './invoice.model';
import { invoiceRepository as repo } from './invoice.repository';

export interface InvoiceFilter {
  userId: string;
  status?: InvoiceStatus | null;
}

const invoiceKey = (i: InvoiceRecord) => [i.month, i.id];

async function listPage(
  em: EntityManager,
  filter: InvoiceFilter,
  page: PageRequest,
): Promise<InvoiceRecord[]> {
  const [month, id] = page.after ?? [null, null];
  const rows = await query<InvoiceRow>(
    em,
    `${INVOICE_SELECT}
      where i.user_id = ?::uuid and (?::text is null or i.status = ?::text)
        and (?::text is null or (i.month, i.id) < (?::text, ?::uuid))
      order by i.month desc, i.id desc limit ?`,
    [
      filter.userId,
      filter.status ?? null,
      filter.status ?? null,
      month as string | null,
      month as string | null,
      id as string | null,
      page.limit,
    ],
  );
  return rows.map(toInvoiceRecord);
}

/** Invoices: reads, and the dates the bank moves. */
export class InvoiceService {
  constructor(private readonly cards: CardService) {}

  async get(em: EntityManager, userId: string, id: string): Promise<InvoiceRecord> {
    const invoice = await repo.byId(em, userId, idOf(id, 'Invoice', 'id'));
    if (!invoice) throw notFound('Invoice', id);
    return invoice;
  }

  byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<InvoiceRecord[]> {
    return repo.byIds(em, userId, ids);
  }

  /** Items of the invoices (already scoped: the invoices are the caller's). */
  itemsOf(em: EntityManager, invoiceIds: readonly string[]): Promise<InvoiceItemRecord[]> {
    return itemsOf(em, invoiceIds);
  }

  /** The earliest open invoice of each card. */
  current(em: EntityManager, cardIds: readonly string[]): Promise<InvoiceRecord[]> {
    return repo.current(em, cardIds);
  }

  /** The caller's invoices across cards, newest month first. */
  list(
    em: EntityManager,
    filter: InvoiceFilter,
    args: PageArgs,
  ): Promise<ConnectionValue<InvoiceRecord>> {
    return paginate(args, 'invoices', invoiceKey, (request) => listPage(em, filter, request));
  }

  /** The same page of each card's invoices (newest month first), with one statement for all. */
  pagesOfCards(
    em: EntityManager,
    userId: string,
    cardIds: readonly string[],
    status: InvoiceStatus | null,
    args: PageArgs,
  ): Promise<ConnectionValue<InvoiceRecord>[]> {
    return paginateEach(
      cardIds,
      args,
      'invoices',
      invoiceKey,
      (i) => i.cardId,
      (request) => repo.pagesOfCards(em, userId, cardIds, status, request),
    );
  }

  /**
   * Banks move closing and due dates (holidays). The stored dates then win over the
   * card's days. A closing date moves only while the invoice is open and both the old
   * and the new date are still ahead, and it stays between its neighbours' closing dates.
   */
  async adjustDates(
    em: EntityManager,
    userId: string,
    id: string,
    dates: InvoiceDates,
    timeZone: string,
  ): Promise<InvoiceRecord> {
    const closingDate = assertLocalDate(dates.closingDate, 'closingDate');
    const dueDate = assertLocalDate(dates.dueDate, 'dueDate');
    if (dueDate <= closingDate) {
      throw badInput('dueDate must be after closingDate', { field: 'dueDate' });
    }
    const today = this.cards.today(timeZone);
    return em.transactional(async (tx) => {
      const found = await this.get(tx, userId, id);
      const card = (await cardRepository.byId(tx, userId, found.cardId, true))!;
      const invoice = (await repo.byId(tx, userId, found.id))!;
      if (closingDate !== invoice.closingDate) {
        await this.checkClosingMove(tx, card, invoice, closingDate, today);
      }
      await repo.setDates(tx, invoice.id, { closingDate, dueDate });
      await recordEvents(tx, await refreshInvoices(tx, card, [invoice.id], today));
      return (await repo.byId(tx, userId, invoice.id))!;
    });
  }

  private async checkClosingMove(
    tx: EntityManager,
    card: CardRecord,
    invoice: InvoiceRecord,
    closingDate: string,
    today: string,
  ): Promise<void> {
    if (invoice.status !== InvoiceStatus.OPEN || invoice.closingDate <= today) {
      throw invalidState('Only an open invoice that has not reached its closing date can move it', {
        field: 'closingDate',
      });
    }
    if (closingDate <= today) {
      throw badInput('closingDate must be after today', { field: 'closingDate' });
    }
    const previous = addMonthsToMonth(invoice.month, -1);
    const next = addMonthsToMonth(invoice.month, 1);
    const stored = await repo.datesAround(tx, card.id, [previous, next]);
    if (
      closingDate <= datesOf(previous, card, stored).closingDate ||
      closingDate >= datesOf(next, card, stored).closingDate
    ) {
      throw badInput("closingDate must stay between the neighbouring invoices' closing dates", {
        field: 'closingDate',
      });
    }
  }
}
