import { Check, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The one row saying which generation of the projection (`proj_<n>`) serves reads and
 * takes new events, and what every day-closing transaction moves on.
 */
@Entity({ tableName: 'projection_state', schema: 'public' })
@Check({ name: 'projection_state_singleton_check', expression: 'singleton' })
export class ProjectionStateEntity {
  [OptionalProps]?: 'singleton' | 'switchedAt' | 'closeEpoch' | 'latestClosedDay';

  @PrimaryKey({ type: 'boolean', default: true, autoincrement: false })
  singleton = true;

  @Property({ type: 'text' })
  activeSchema!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  switchedAt: Date = new Date();

  /** Moved on by every transaction that closes days. */
  @Property({ type: 'bigint', default: 0 })
  closeEpoch: bigint = 0n;

  /** The latest day a close closed (an upper bound for days closed before 0002). */
  @Property({ type: 'date', nullable: true })
  latestClosedDay: string | null = null;
}
