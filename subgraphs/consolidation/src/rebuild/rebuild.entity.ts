import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export const REBUILD_STATUSES = ['RUNNING', 'DONE', 'FAILED'] as const;

/** One rebuild of the projection into a fresh generation, and how far it got. */
@Entity({ tableName: 'rebuilds', schema: 'public' })
export class RebuildEntity {
  [OptionalProps]?: 'finishedAt' | 'events' | 'skipped' | 'lastSeq' | 'error';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Enum({ items: [...REBUILD_STATUSES] })
  status!: (typeof REBUILD_STATUSES)[number];

  @Property({ type: 'text' })
  targetSchema!: string;

  @Property({ type: 'text' })
  requestedBy!: string;

  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'bigint', default: 0 })
  events: bigint = 0n;

  @Property({ type: 'bigint', default: 0 })
  skipped: bigint = 0n;

  /** The LEDGER stream sequence read up to. */
  @Property({ type: 'bigint', default: 0 })
  lastSeq: bigint = 0n;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;
}
