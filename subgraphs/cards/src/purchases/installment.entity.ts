import {
  Check,
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { CardEntity } from '../cards/card.entity';
import { InvoiceEntity } from '../invoices/invoice.entity';
import { PurchaseEntity } from './purchase.entity';

const NO_ACTION = { mapToPk: true, deleteRule: 'no action', updateRule: 'no action' } as const;

/**
 * One installment of a purchase, booked on an invoice. Cancelled rows stay (a changed or
 * deleted purchase's old installments): history.
 */
@Entity({ tableName: 'installments' })
@Check({ name: 'installments_number_check', expression: 'number >= 1' })
@Check({ name: 'installments_amount_check', expression: 'amount > 0' })
@Index({ name: 'installments_purchase', properties: ['purchaseId', 'number'] })
@Index({
  name: 'installments_invoice',
  expression:
    'create index installments_invoice on installments (invoice_id) where cancelled_at is null',
})
@Index({
  name: 'installments_card',
  expression: 'create index installments_card on installments (card_id) where cancelled_at is null',
})
export class InstallmentEntity {
  [OptionalProps]?: 'cancelledAt' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => PurchaseEntity, {
    ...NO_ACTION,
    fieldName: 'purchase_id',
    foreignKeyName: 'installments_purchase_id_fkey',
  })
  purchaseId!: string;

  @ManyToOne(() => CardEntity, {
    ...NO_ACTION,
    fieldName: 'card_id',
    foreignKeyName: 'installments_card_id_fkey',
  })
  cardId!: string;

  @ManyToOne(() => InvoiceEntity, {
    ...NO_ACTION,
    fieldName: 'invoice_id',
    foreignKeyName: 'installments_invoice_id_fkey',
  })
  invoiceId!: string;

  @Property({ type: 'smallint' })
  number!: number;

  /** Minor units. */
  @Property({ type: 'bigint' })
  amount!: bigint;

  @Property({ type: 'date' })
  bookingDate!: string;

  @Property({ type: 'datetime', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
