import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { CardEntity } from '../cards/card.entity';

export const INVOICE_STATUSES = ['OPEN', 'CLOSED', 'PAID', 'PARTIALLY_PAID', 'OVERDUE'] as const;

/** One card's invoice for one month. */
@Entity({ tableName: 'invoices' })
@Unique({ name: 'invoices_card_id_month_key', properties: ['cardId', 'month'] })
@Check({ name: 'invoices_due_after_closing', expression: 'due_date > closing_date' })
@Index({
  name: 'invoices_user',
  expression: 'create index invoices_user on invoices (user_id, month desc, id)',
})
@Index({
  name: 'invoices_card',
  expression: 'create index invoices_card on invoices (card_id, month desc, id)',
})
// The scheduler's work lists.
@Index({
  name: 'invoices_to_close',
  expression: `create index invoices_to_close on invoices (closing_date) where status = 'OPEN'`,
})
@Index({
  name: 'invoices_unpaid',
  expression: `create index invoices_unpaid on invoices (due_date)
    where status in ('CLOSED', 'PARTIALLY_PAID')`,
})
export class InvoiceEntity {
  [OptionalProps]?: 'datesAdjusted' | 'closedAt' | 'dueSoonSentAt' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => CardEntity, {
    fieldName: 'card_id',
    mapToPk: true,
    foreignKeyName: 'invoices_card_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  cardId!: string;

  /** `YYYY-MM`. */
  @Property({ type: 'character', length: 7 })
  month!: string;

  @Property({ type: 'date' })
  closingDate!: string;

  @Property({ type: 'date' })
  dueDate!: string;

  @Property({ type: 'boolean', default: false })
  datesAdjusted = false;

  @Enum({ items: [...INVOICE_STATUSES] })
  status!: (typeof INVOICE_STATUSES)[number];

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  dueSoonSentAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
