import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A user's time zone (identity's events; default until known). Not rebuilt. */
@Entity({ tableName: 'users', schema: 'public' })
@Index({ name: 'users_time_zone', properties: ['timeZone'] })
export class UserEntity {
  [OptionalProps]?: 'lastEventId';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  timeZone!: string;

  @Property({ type: 'uuid', nullable: true })
  lastEventId: string | null = null;
}

/** Ids only: late events of an erased user must not bring its data back. */
@Entity({ tableName: 'erased_users', schema: 'public' })
export class ErasedUserEntity {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'datetime' })
  erasedAt!: Date;
}
