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
import { AccountEntity } from '../accounts/account.entity';
import { CategoryEntity } from '../categories/category.entity';

export const RECURRENCE_STATUSES = ['ACTIVE', 'PAUSED', 'CANCELLED', 'FINISHED'] as const;
export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;

/** A recurring entry: its rule, its template and its materialisation cursor. */
@Entity({ tableName: 'recurrences' })
@Check({ name: 'recurrences_interval_check', expression: '"interval" >= 1 and "interval" <= 1000' })
@Check({
  name: 'recurrences_day_of_month_check',
  expression: 'day_of_month >= 1 and day_of_month <= 31',
})
@Check({ name: 'recurrences_count_check', expression: 'count > 0' })
@Check({ name: 'recurrences_amount_check', expression: 'amount > 0' })
@Index({ name: 'recurrences_user', properties: ['userId', 'createdAt'] })
@Index({
  name: 'recurrences_due',
  expression: `create index recurrences_due on recurrences (next_date) where status = 'ACTIVE'`,
})
export class RecurrenceEntity {
  [OptionalProps]?:
    | 'dayOfMonth'
    | 'endDate'
    | 'count'
    | 'toAccountId'
    | 'categoryId'
    | 'toAmount'
    | 'toCurrency'
    | 'notes'
    | 'tags'
    | 'nextIndex'
    | 'nextDate'
    | 'lastError'
    | 'version'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Enum({ items: [...RECURRENCE_STATUSES] })
  status!: (typeof RECURRENCE_STATUSES)[number];

  @Enum({ items: [...FREQUENCIES] })
  frequency!: (typeof FREQUENCIES)[number];

  @Property({ type: 'integer' })
  interval!: number;

  @Property({ type: 'smallint', nullable: true })
  dayOfMonth: number | null = null;

  @Property({ type: 'date' })
  startDate!: string;

  @Property({ type: 'date', nullable: true })
  endDate: string | null = null;

  @Property({ type: 'integer', nullable: true })
  count: number | null = null;

  @Property({ type: 'text' })
  weekendPolicy!: string;

  @Property({ type: 'boolean' })
  autoPost!: boolean;

  @Property({ type: 'text' })
  timeZone!: string;

  @Property({ type: 'text' })
  kind!: string;

  @ManyToOne(() => AccountEntity, {
    fieldName: 'account_id',
    mapToPk: true,
    foreignKeyName: 'recurrences_account_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  accountId!: string;

  @ManyToOne(() => AccountEntity, {
    fieldName: 'to_account_id',
    mapToPk: true,
    nullable: true,
    foreignKeyName: 'recurrences_to_account_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  toAccountId: string | null = null;

  @ManyToOne(() => CategoryEntity, {
    fieldName: 'category_id',
    mapToPk: true,
    nullable: true,
    foreignKeyName: 'recurrences_category_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  categoryId: string | null = null;

  /** Minor units. */
  @Property({ type: 'bigint' })
  amount!: bigint;

  @Property({ type: 'character', length: 3 })
  currency!: string;

  @Property({ type: 'bigint', nullable: true })
  toAmount: bigint | null = null;

  @Property({ type: 'character', length: 3, nullable: true })
  toCurrency: string | null = null;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Property({ type: ArrayType, defaultRaw: `'{}'` })
  tags: string[] = [];

  /** Materialisation cursor: the next occurrence index and its nominal date. */
  @Property({ type: 'integer', default: 0 })
  nextIndex = 0;

  @Property({ type: 'date', nullable: true })
  nextDate: string | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'integer', default: 1 })
  version = 1;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
