import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** The ledger's entry as the classifier needs it (learnt from ledger.entry.* events). */
@Entity({ tableName: 'entries' })
@Index({ name: 'entries_user', properties: ['userId'] })
@Index({ name: 'entries_user_date', properties: ['userId', 'date'] })
export class EntryEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  description!: string;

  /** Minor units, positive. */
  @Property({ type: 'bigint' })
  amount!: bigint;

  @Property({ type: 'character', length: 3 })
  currency!: string;

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'uuid', nullable: true })
  categoryId: string | null = null;

  @Property({ type: 'boolean', default: false })
  deleted = false;

  /** The value date (null for entries seen before ai stored dates). */
  @Property({ type: 'date', nullable: true })
  date: string | null = null;

  /** POSTED or PENDING (bills, scheduled occurrences). */
  @Property({ type: 'text', default: 'POSTED' })
  status = 'POSTED';

  /** MANUAL, IMPORT, CARDS (invoice payments), RECURRENCE or BILLING. */
  @Property({ type: 'text', default: 'MANUAL' })
  source = 'MANUAL';

  @Property({ type: 'uuid', nullable: true })
  toAccountId: string | null = null;

  /** `[{ accountId, amount }]`, amount in signed minor units; empty while PENDING. */
  @Property({ type: 'json', default: "'[]'" })
  postings: { accountId: string; amount: string }[] = [];

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
