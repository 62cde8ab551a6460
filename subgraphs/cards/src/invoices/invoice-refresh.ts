import { event, newId, type EntityManager, type LocalDate, type PendingEvent } from '@saldo/kit';
import { query } from '@saldo/kit';
import type { CardRecord } from '../cards/card.model';
import { addMonthsToMonth } from './invoice-cycle';
import { creditToCarry, InvoiceStatus, statusOf, type InvoiceFacts } from './invoice-state';
import { invoiceEventData, type InvoiceRecord } from './invoice.model';
import { invoiceRepository as repo } from './invoice.repository';

export const factsOf = (i: InvoiceRecord): InvoiceFacts => ({
  closed: i.closedAt !== null,
  dueDate: i.dueDate,
  total: i.total,
  paid: i.paid,
});

/** Moves a closed invoice's credit to the next one: a pair of adjustments that nets to zero. */
async function carryCredit(
  em: EntityManager,
  card: CardRecord,
  from: InvoiceRecord,
  amount: bigint,
  today: LocalDate,
): Promise<string> {
  const month = addMonthsToMonth(from.month, 1);
  const to = (await repo.ensure(em, card, [month])).get(month)!;
  const sql = `insert into invoice_adjustments
      (id, user_id, card_id, invoice_id, kind, amount, related_invoice_id, date, description)
    values (?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, ?::bigint, ?::uuid, ?::date, ?)`;
  const base = [card.userId, card.id] as const;
  await query(em, sql, [
    newId(),
    ...base,
    from.id,
    'CREDIT_OUT',
    amount,
    to,
    today,
    `Credit carried to ${month}`,
  ]);
  await query(em, sql, [
    newId(),
    ...base,
    to,
    'CREDIT_IN',
    -amount,
    from.id,
    today,
    `Credit carried from ${from.month}`,
  ]);
  return to;
}

/**
 * After a change to a card's invoices: carries the credit of closed ones forward,
 * stores each one's status, and returns `cards.invoice.updated` for every invoice
 * touched (plus `cards.invoice.paid` where one became paid). The caller holds the
 * card's row lock, which serialises every write to the card's invoices.
 */
export async function refreshInvoices(
  em: EntityManager,
  card: CardRecord,
  ids: Iterable<string>,
  today: LocalDate,
): Promise<PendingEvent[]> {
  const queue = [...new Set(ids)];
  const updated = new Map<string, PendingEvent>();
  const paid: PendingEvent[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    let invoice = await repo.byId(em, card.userId, id);
    if (!invoice) continue;
    const credit = creditToCarry(factsOf(invoice));
    if (credit > 0n) {
      queue.push(await carryCredit(em, card, invoice, credit, today));
      invoice = (await repo.byId(em, card.userId, id))!;
    }
    const status = statusOf(factsOf(invoice), today);
    if (status !== invoice.status) {
      await repo.setStatus(em, id, status);
      if (status === InvoiceStatus.PAID && invoice.total > 0n) {
        paid.push(
          event('cards.invoice.paid', card.userId, invoiceEventData({ ...invoice, status })),
        );
      }
      invoice = { ...invoice, status };
    }
    updated.delete(id); // keep the latest state, in the order of the last change
    updated.set(id, event('cards.invoice.updated', card.userId, invoiceEventData(invoice)));
  }
  return [...updated.values(), ...paid];
}
