import {
  Entity,
  Enum,
  Index,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
} from '@mikro-orm/core';

export const DAY_STATUSES = ['OPEN', 'CLOSED', 'REOPENED'] as const;
export const DAY_ACTIONS = ['CLOSED', 'REOPENED'] as const;

/** A user's day and its close: the totals it was closed with. */
@Entity({ tableName: 'days', schema: 'public' })
@Index({
  name: 'days_unclosed',
  expression: `create index days_unclosed on days (day, user_id) where status <> 'CLOSED'`,
})
export class DayEntity {
  [PrimaryKeyProp]?: ['userId', 'day'];
  [OptionalProps]?:
    'closedAt' | 'reopenedAt' | 'closeCount' | 'reopenCount' | 'entryCount' | 'totals';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @Enum({ items: [...DAY_STATUSES] })
  status!: (typeof DAY_STATUSES)[number];

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  reopenedAt: Date | null = null;

  @Property({ type: 'integer', default: 0 })
  closeCount = 0;

  @Property({ type: 'integer', default: 0 })
  reopenCount = 0;

  @Property({ type: 'integer', default: 0 })
  entryCount = 0;

  /** Per currency, amounts as Decimal strings. */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  totals: unknown[] = [];
}

/** Every close and reopen of a day, in order. */
@Entity({ tableName: 'day_history', schema: 'public' })
@Index({ name: 'day_history_user_day', properties: ['userId', 'day', 'id'] })
export class DayHistoryEntity {
  [OptionalProps]?: 'id' | 'entryCount' | 'totals';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: bigint;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'date' })
  day!: string;

  @Enum({ items: [...DAY_ACTIONS] })
  action!: (typeof DAY_ACTIONS)[number];

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'integer', nullable: true })
  entryCount: number | null = null;

  @Property({ type: 'json', nullable: true })
  totals: unknown[] | null = null;
}
