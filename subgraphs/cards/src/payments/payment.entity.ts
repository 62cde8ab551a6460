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
import { InvoiceEntity } from '../invoices/invoice.entity';

export const PAYMENT_STATUSES = ['PENDING', 'CONFIRMED', 'FAILED'] as const;

const NO_ACTION = { mapToPk: true, deleteRule: 'no action', updateRule: 'no action' } as const;

/** A payment of an invoice from a ledger account; the ledger confirms or refuses it. */
@Entity({ tableName: 'payments' })
@Check({ name: 'payments_amount_check', expression: 'amount > 0' })
@Index({ name: 'payments_invoice', properties: ['invoiceId', 'createdAt'] })
@Index({
  name: 'payments_card',
  expression: `create index payments_card on payments (card_id) where status <> 'FAILED'`,
})
@Index({
  name: 'payments_idempotency',
  expression: `create unique index payments_idempotency on payments (user_id, idempotency_key)
    where idempotency_key is not null`,
})
export class PaymentEntity {
  [OptionalProps]?:
    | 'failureCode'
    | 'failureReason'
    | 'ledgerEntryId'
    | 'idempotencyKey'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => CardEntity, {
    ...NO_ACTION,
    fieldName: 'card_id',
    foreignKeyName: 'payments_card_id_fkey',
  })
  cardId!: string;

  @ManyToOne(() => InvoiceEntity, {
    ...NO_ACTION,
    fieldName: 'invoice_id',
    foreignKeyName: 'payments_invoice_id_fkey',
  })
  invoiceId!: string;

  /** A ledger account (another database): no foreign key. */
  @Property({ type: 'uuid' })
  fromAccountId!: string;

  /** Minor units. */
  @Property({ type: 'bigint' })
  amount!: bigint;

  @Property({ type: 'date' })
  date!: string;

  @Enum({ items: [...PAYMENT_STATUSES] })
  status!: (typeof PAYMENT_STATUSES)[number];

  @Property({ type: 'text', nullable: true })
  failureCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  failureReason: string | null = null;

  /** The ledger's transfer entry, once confirmed. */
  @Property({ type: 'uuid', nullable: true })
  ledgerEntryId: string | null = null;

  @Property({ type: 'text', nullable: true })
  idempotencyKey: string | null = null;

  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
