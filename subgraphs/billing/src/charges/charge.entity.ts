import {
  Check,
  Entity,
  Enum,
  Index,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';

const CHARGE_STATUSES = [
  'PENDING',
  'ISSUED',
  'SENT',
  'PAID',
  'OVERDUE',
  'CANCELLED',
  'FAILED',
] as const;

/**
 * One charge (`charges`). Written with plain SQL (`charge.repository.ts`); the entity
 * documents the table and is checked against the migration.
 */
@Entity({ tableName: 'charges' })
@Check({ name: 'charges_amount_check', expression: 'amount > 0' })
@Unique({ name: 'charges_user_id_debt_id_key', properties: ['userId', 'debtId'] })
@Index({
  name: 'charges_user_id',
  expression: 'create index charges_user_id on charges (user_id, id desc)',
})
@Index({ name: 'charges_user_due', properties: ['userId', 'dueDate'] })
@Index({
  name: 'charges_open_due',
  expression: `create index charges_open_due on charges (due_date) where status in ('PENDING', 'ISSUED', 'SENT')`,
})
@Index({
  name: 'charges_our_number',
  expression:
    'create unique index charges_our_number on charges (user_id, our_number) where our_number is not null',
})
@Index({
  name: 'charges_batch',
  expression: 'create index charges_batch on charges (batch_id, status) where batch_id is not null',
})
export class ChargeEntity {
  [OptionalProps]?: 'currency' | 'attempt' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  debtId!: string;

  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'text' })
  payerName!: string;

  @Property({ type: 'text' })
  payerGovernmentId!: string;

  @Property({ type: 'text' })
  payerEmail!: string;

  /** Minor units. */
  @Property({ type: 'bigint' })
  amount!: bigint;

  @Property({ type: 'string', columnType: 'char(3)', default: 'BRL' })
  currency: string = 'BRL';

  @Property({ type: 'date' })
  dueDate!: string;

  @Enum({ items: [...CHARGE_STATUSES] })
  status!: (typeof CHARGE_STATUSES)[number];

  @Property({ type: 'text', nullable: true })
  ourNumber: string | null = null;

  @Property({ type: 'string', columnType: 'char(44)', nullable: true })
  barcode: string | null = null;

  @Property({ type: 'string', columnType: 'char(47)', nullable: true })
  digitableLine: string | null = null;

  @Property({ type: 'text', nullable: true })
  pixBrCode: string | null = null;

  @Property({ type: 'integer', default: 1 })
  attempt: number = 1;

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  paidAt: Date | null = null;

  @Property({ type: 'bigint', nullable: true })
  paidAmount: bigint | null = null;

  @Property({ type: 'date', nullable: true })
  paidDate: string | null = null;

  @Property({ type: 'text', nullable: true })
  failureReason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  ledgerEntryId: string | null = null;

  @Property({ type: 'text', nullable: true })
  ledgerRejection: string | null = null;

  /** The batch (imported file) that made the charge, and its line there; null for createCharge. */
  @Property({ type: 'uuid', nullable: true })
  batchId: string | null = null;

  @Property({ type: 'integer', nullable: true })
  line: number | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
