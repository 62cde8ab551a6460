import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '@saldo/kit';

/** A partner's URL that receives the user's notifications, signed (Standard Webhooks). */
@Entity({ tableName: 'webhook_endpoints' })
export class WebhookEndpointEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'enabled' | 'consecutiveFailures' | 'disabledAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  /** Notification types sent; empty = all. */
  @Property({ type: 'text[]' })
  types: string[] = [];

  /** The `whsec_` secret, sealed (see SecretBox). */
  @Property({ type: 'text' })
  secretEnc!: string;

  @Property({ type: 'boolean' })
  enabled = true;

  @Property({ type: 'integer' })
  consecutiveFailures = 0;

  @Property({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
