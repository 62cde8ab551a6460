import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { CardEntity } from '../cards/card.entity';
import { PurchaseEntity } from '../purchases/purchase.entity';
import { InvoiceEntity } from './invoice.entity';

export const ADJUSTMENT_KINDS = ['REFUND', 'CREDIT_IN', 'CREDIT_OUT'] as const;

const NO_ACTION = { mapToPk: true, deleteRule: 'no action', updateRule: 'no action' } as const;

/**
 * Signed like the invoice: a refund or carried-in credit is negative, credit carried out
 * positive.
 */
@Entity({ tableName: 'invoice_adjustments' })
@Check({ name: 'invoice_adjustments_amount_check', expression: 'amount <> 0' })
@Check({ name: 'adjustments_sign', expression: `(kind = 'CREDIT_OUT') = (amount > 0)` })
@Index({ name: 'adjustments_invoice', properties: ['invoiceId'] })
@Index({ name: 'adjustments_card', properties: ['cardId'] })
@Index({
  name: 'adjustments_purchase',
  expression: `create index adjustments_purchase on invoice_adjustments (purchase_id)
    where purchase_id is not null`,
})
@Index({
  name: 'adjustments_idempotency',
  expression: `create unique index adjustments_idempotency
    on invoice_adjustments (user_id, idempotency_key) where idempotency_key is not null`,
})
export class InvoiceAdjustmentEntity {
  [OptionalProps]?:
    'purchaseId' | 'relatedInvoiceId' | 'idempotencyKey' | 'requestHash' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => CardEntity, {
    ...NO_ACTION,
    fieldName: 'card_id',
    foreignKeyName: 'invoice_adjustments_card_id_fkey',
  })
  cardId!: string;

  @ManyToOne(() => InvoiceEntity, {
    ...NO_ACTION,
    fieldName: 'invoice_id',
    foreignKeyName: 'invoice_adjustments_invoice_id_fkey',
  })
  invoiceId!: string;

  @Enum({ items: [...ADJUSTMENT_KINDS] })
  kind!: (typeof ADJUSTMENT_KINDS)[number];

  /** Signed minor units. */
  @Property({ type: 'bigint' })
  amount!: bigint;

  @ManyToOne(() => PurchaseEntity, {
    ...NO_ACTION,
    fieldName: 'purchase_id',
    nullable: true,
    foreignKeyName: 'invoice_adjustments_purchase_id_fkey',
  })
  purchaseId: string | null = null;

  /** The invoice a credit was carried from or to. */
  @ManyToOne(() => InvoiceEntity, {
    ...NO_ACTION,
    fieldName: 'related_invoice_id',
    nullable: true,
    foreignKeyName: 'invoice_adjustments_related_invoice_id_fkey',
  })
  relatedInvoiceId: string | null = null;

  @Property({ type: 'date' })
  date!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'text', nullable: true })
  idempotencyKey: string | null = null;

  @Property({ type: 'text', nullable: true })
  requestHash: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
