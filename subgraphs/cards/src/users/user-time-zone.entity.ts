import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Learnt from identity's events; the scheduler closes invoices in the user's time zone. */
@Entity({ tableName: 'user_time_zones' })
export class UserTimeZoneEntity {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  timeZone!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
