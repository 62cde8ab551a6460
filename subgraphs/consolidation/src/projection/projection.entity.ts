import {
  ArrayType,
  Entity,
  Index,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
} from '@mikro-orm/core';

// The projection's tables live in one PostgreSQL schema per generation (`proj_1`,
// `proj_2`, ...; see migrations/projection-tables.ts): wildcard entities, used with the
// active schema. `account_days` and `user_days` are created `with (fillfactor = 70)`,
// a storage parameter MikroORM neither declares nor compares.

/** An account seen in account events, or only in postings (`lastEventId` null) so far. */
@Entity({ tableName: 'accounts', schema: '*' })
@Index({ name: 'accounts_user', properties: ['userId'] })
export class ProjectedAccountEntity {
  [OptionalProps]?: 'initialBalance' | 'lastEventId';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  currency!: string;

  /** Minor units. */
  @Property({ type: 'bigint', default: 0 })
  initialBalance: bigint = 0n;

  @Property({ type: 'uuid', nullable: true })
  lastEventId: string | null = null;
}

/** The latest version applied of each entry: what a newer version is diffed against. */
@Entity({ tableName: 'entries', schema: '*' })
export class ProjectedEntryEntity {
  // Keyed by user first: one index serves both the lookup by id and the erasure.
  [PrimaryKeyProp]?: ['userId', 'id'];

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text', nullable: true })
  countCurrency: string | null = null;

  // Parallel arrays, one element per posting; int8 elements arrive as strings.
  @Property({ type: ArrayType, columnType: 'uuid[]' })
  accountIds!: string[];

  @Property({ type: ArrayType, columnType: 'bigint[]' })
  amounts!: string[];

  @Property({ type: ArrayType, columnType: 'text[]' })
  currencies!: string[];
}

/** Per account and day: movements only; opening and closing are running sums at read time. */
@Entity({ tableName: 'account_days', schema: '*' })
@Index({
  name: 'account_days_pending',
  expression:
    'create index account_days_pending on account_days (account_id, day) where pending_emit',
})
export class AccountDayEntity {
  [PrimaryKeyProp]?: ['accountId', 'day'];
  [OptionalProps]?: 'credits' | 'debits' | 'entryCount' | 'pendingEmit';

  @PrimaryKey({ type: 'uuid' })
  accountId!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  /** Minor units. */
  @Property({ type: 'bigint', default: 0 })
  credits: bigint = 0n;

  @Property({ type: 'bigint', default: 0 })
  debits: bigint = 0n;

  @Property({ type: 'integer', default: 0 })
  entryCount = 0;

  /** Set when the day changed and its update event is still to be emitted. */
  @Property({ type: 'boolean', default: false })
  pendingEmit = false;
}

/** Per user, day and currency, each entry netted across the user's accounts first. */
@Entity({ tableName: 'user_days', schema: '*' })
export class UserDayEntity {
  [PrimaryKeyProp]?: ['userId', 'day', 'currency'];
  [OptionalProps]?: 'credits' | 'debits' | 'entryCount';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'text' })
  currency!: string;

  /** Minor units. */
  @Property({ type: 'bigint', default: 0 })
  credits: bigint = 0n;

  @Property({ type: 'bigint', default: 0 })
  debits: bigint = 0n;

  @Property({ type: 'integer', default: 0 })
  entryCount = 0;
}
