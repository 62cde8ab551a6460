import { connectionType, DateTimeScalar, LocalDateScalar, Money } from '@saldo/kit';
import { eventCatalog, type EventData, type EventType } from '@saldo/events';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { InvoiceItemKind, type InvoiceItemRecord } from './invoice-items';
import { InvoiceStatus } from './invoice-state';
import type { InvoiceRecord } from './invoice.model';

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description:
    'OPEN until its closing date; then CLOSED, PARTIALLY_PAID, PAID, or OVERDUE after the due date.',
});
registerEnumType(InvoiceItemKind, {
  name: 'InvoiceItemKind',
  description:
    'INSTALLMENT charges; REFUND and CREDIT_IN (credit carried from the previous invoice) give back; CREDIT_OUT moves this invoice’s credit to the next.',
});

@ObjectType('Invoice', { description: "A card's monthly bill (fatura)." })
@Directive('@key(fields: "id")')
export class Invoice {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'YYYY-MM: the month the invoice closes in.' })
  month!: string;

  @Field(() => LocalDateScalar)
  closingDate!: string;

  @Field(() => LocalDateScalar)
  dueDate!: string;

  @Field(() => Boolean, { description: 'The dates were moved with adjustInvoiceDates.' })
  datesAdjusted!: boolean;

  @Field(() => InvoiceStatus)
  status!: InvoiceStatus;

  @Field(() => Money, { description: 'The sum of the items (credits negative).' })
  total!: Money;

  @Field(() => Money, { description: 'Confirmed payments.' })
  paidAmount!: Money;

  @Field(() => Money, { description: 'Payments the ledger has not confirmed yet.' })
  pendingAmount!: Money;

  @Field(() => Money, { description: 'total - paidAmount; negative is a credit.' })
  remaining!: Money;

  @Field(() => DateTimeScalar, { nullable: true })
  closedAt!: Date | null;

  record!: InvoiceRecord;

  static from(r: InvoiceRecord): Invoice {
    return Object.assign(new Invoice(), {
      id: r.id,
      month: r.month,
      closingDate: r.closingDate,
      dueDate: r.dueDate,
      datesAdjusted: r.datesAdjusted,
      status: r.status,
      total: Money.of(r.total, r.currency),
      paidAmount: Money.of(r.paid, r.currency),
      pendingAmount: Money.of(r.pending, r.currency),
      remaining: Money.of(r.total - r.paid, r.currency),
      closedAt: r.closedAt,
      record: r,
    });
  }
}

export const InvoiceConnection = connectionType('Invoice', Invoice);

@ObjectType('InvoiceItem', { description: 'One line of an invoice; credits are negative.' })
export class InvoiceItem {
  @Field(() => ID)
  id!: string;

  @Field(() => InvoiceItemKind)
  kind!: InvoiceItemKind;

  @Field(() => String)
  description!: string;

  @Field(() => LocalDateScalar, { description: 'Purchase date, refund date, or carry date.' })
  date!: string;

  @Field(() => Money)
  amount!: Money;

  @Field(() => Int, { nullable: true })
  installmentNumber!: number | null;

  @Field(() => Int, { nullable: true })
  installmentCount!: number | null;

  purchaseId!: string | null;

  static from(r: InvoiceItemRecord, currency: string): InvoiceItem {
    return Object.assign(new InvoiceItem(), {
      id: r.id,
      kind: r.kind,
      description: r.description,
      date: r.date,
      amount: Money.of(r.amount, currency),
      installmentNumber: r.installmentNumber,
      installmentCount: r.installmentCount,
      purchaseId: r.purchaseId,
    });
  }
}

/** The `invoiceUpdated` payload: scalar fields named like `cards.invoice.updated`'s data. */
@ObjectType('InvoiceUpdate', { description: 'An invoice changed (the subscription payload).' })
export class InvoiceUpdate {
  @Field(() => ID)
  invoiceId!: string;

  @Field(() => ID)
  cardId!: string;

  @Field(() => String)
  month!: string;

  @Field(() => InvoiceStatus)
  status!: InvoiceStatus;

  @Field(() => LocalDateScalar)
  closingDate!: string;

  @Field(() => LocalDateScalar)
  dueDate!: string;

  @Field(() => Money)
  total!: Money;

  @Field(() => Money)
  paidAmount!: Money;

  @Field(() => Money)
  pendingAmount!: Money;

  static fromEvent(data: EventData<EventType>): InvoiceUpdate {
    const d = eventCatalog['cards.invoice.updated'].parse(data);
    return Object.assign(new InvoiceUpdate(), {
      ...d,
      status: d.status as InvoiceStatus,
      total: Object.assign(new Money(), d.total),
      paidAmount: Object.assign(new Money(), d.paidAmount),
      pendingAmount: Object.assign(new Money(), d.pendingAmount),
    });
  }
}
