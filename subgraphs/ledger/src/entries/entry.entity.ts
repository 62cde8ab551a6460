import {
  ArrayType,
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { RecurrenceEntity } from '../recurrences/recurrence.entity';

export const ENTRY_KINDS = ['INCOME', 'EXPENSE', 'TRANSFER'] as const;
export const ENTRY_STATUSES = ['PENDING', 'POSTED'] as const;
export const ENTRY_SOURCES = ['MANUAL', 'IMPORT', 'CARDS', 'RECURRENCE', 'BILLING'] as const;

const partial = (name: string, unique: boolean, on: string, where: string) => ({
  name,
  expression: `create ${unique ? 'unique ' : ''}index ${name} on entries ${on} where ${where}`,
});

/**
 * An entry as the API speaks it (income, expense, transfer); its postings are the truth.
 * Edits bump `version` and keep the previous state in `entry_revisions`; a delete sets
 * `deletedAt`. Written through the entry writer's SQL (hot path).
 */
@Entity({ tableName: 'entries' })
@Check({ name: 'entries_amount_check', expression: 'amount > 0' })
@Check({ name: 'entries_to_amount_check', expression: 'to_amount > 0' })
@Check({
  name: 'entries_transfer',
  expression: `(kind = 'TRANSFER') = (to_account_id is not null)`,
})
@Check({
  name: 'entries_not_self',
  expression: 'to_account_id is null or to_account_id <> account_id',
})
// Keyset pagination: (date, id) in both directions, per user, per account, per category.
@Index({ name: 'entries_user_date', properties: ['userId', 'date', 'id'] })
@Index({ name: 'entries_account_date', properties: ['accountId', 'date', 'id'] })
@Index(
  partial(
    'entries_to_account_date',
    false,
    '(to_account_id, date, id)',
    'to_account_id is not null',
  ),
)
@Index(
  partial('entries_category_date', false, '(category_id, date, id)', 'category_id is not null'),
)
@Index(
  partial(
    'entries_pending',
    false,
    '(user_id, date, id)',
    `status = 'PENDING' and deleted_at is null`,
  ),
)
@Index(
  partial(
    'entries_pending_recurring',
    false,
    '(date)',
    `status = 'PENDING' and deleted_at is null and recurrence_id is not null`,
  ),
)
@Index(
  partial('entries_idempotency', true, '(user_id, idempotency_key)', 'idempotency_key is not null'),
)
@Index(
  partial(
    'entries_external',
    true,
    '(user_id, source, external_id)',
    "external_id is not null and source <> 'IMPORT'",
  ),
)
// Imported entries: the bank's id is unique per account (migration 0004).
@Index(
  partial(
    'entries_import_external',
    true,
    '(account_id, external_id)',
    "external_id is not null and source = 'IMPORT'",
  ),
)
@Index(
  partial(
    'entries_occurrence',
    true,
    '(recurrence_id, occurrence_date)',
    'recurrence_id is not null and deleted_at is null',
  ),
)
export class EntryEntity {
  [OptionalProps]?:
    | 'toAmount'
    | 'toCurrency'
    | 'dueDate'
    | 'description'
    | 'notes'
    | 'tags'
    | 'toAccountId'
    | 'categoryId'
    | 'externalId'
    | 'recurrenceId'
    | 'occurrenceDate'
    | 'idempotencyKey'
    | 'requestHash'
    | 'version'
    | 'postedVersion'
    | 'createdAt'
    | 'updatedAt'
    | 'deletedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Enum({ items: [...ENTRY_KINDS] })
  kind!: (typeof ENTRY_KINDS)[number];

  @Enum({ items: [...ENTRY_STATUSES] })
  status!: (typeof ENTRY_STATUSES)[number];

  /** Minor units, always positive: the kind gives the direction. */
  @Property({ type: 'bigint' })
  amount!: bigint;

  @Property({ type: 'character', length: 3 })
  currency!: string;

  /** What the destination account receives in a cross-currency transfer. */
  @Property({ type: 'bigint', nullable: true })
  toAmount: bigint | null = null;

  @Property({ type: 'character', length: 3, nullable: true })
  toCurrency: string | null = null;

  @Property({ type: 'date' })
  date!: string;

  @Property({ type: 'date', nullable: true })
  dueDate: string | null = null;

  @Property({ type: 'text', default: '' })
  description = '';

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Property({ type: ArrayType, defaultRaw: `'{}'` })
  tags: string[] = [];

  // No foreign keys on the accounts and the category: the postings and the nominal
  // accounts carry them, and the hot path skips the checks.
  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'uuid', nullable: true })
  toAccountId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  categoryId: string | null = null;

  @Enum({ items: [...ENTRY_SOURCES] })
  source!: (typeof ENTRY_SOURCES)[number];

  @Property({ type: 'text', nullable: true })
  externalId: string | null = null;

  @ManyToOne(() => RecurrenceEntity, {
    fieldName: 'recurrence_id',
    mapToPk: true,
    nullable: true,
    foreignKeyName: 'entries_recurrence_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  recurrenceId: string | null = null;

  @Property({ type: 'date', nullable: true })
  occurrenceDate: string | null = null;

  @Property({ type: 'text', nullable: true })
  idempotencyKey: string | null = null;

  @Property({ type: 'text', nullable: true })
  requestHash: string | null = null;

  @Property({ type: 'integer', default: 1 })
  version = 1;

  /** The version whose postings are in effect; null while pending or once deleted. */
  @Property({ type: 'integer', nullable: true })
  postedVersion: number | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;
}
