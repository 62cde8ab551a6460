import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '@saldo/kit';

/** A browser's Push API subscription (endpoint + its ECDH public key and auth secret). */
@Entity({ tableName: 'push_subscriptions' })
export class PushSubscriptionEntity {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text', unique: true })
  endpoint!: string;

  @Property({ type: 'text' })
  p256dh!: string;

  @Property({ type: 'text' })
  auth!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
