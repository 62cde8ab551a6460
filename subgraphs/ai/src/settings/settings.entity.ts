import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A user's ai settings; no row means the defaults. */
@Entity({ tableName: 'ai_settings' })
export class AiSettingsEntity {
  [OptionalProps]?: 'autoCategorise' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'boolean', default: true })
  autoCategorise = true;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
