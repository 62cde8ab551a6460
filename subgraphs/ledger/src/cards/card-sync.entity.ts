import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The highest version of each card and purchase the ledger has applied from the CARDS
 * stream: a snapshot redelivered after a newer one is skipped.
 */
@Entity({ tableName: 'card_sync' })
@Index({ name: 'card_sync_user', properties: ['userId'] })
export class CardSyncEntity {
  @PrimaryKey({ type: 'uuid' })
  refId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'integer' })
  version!: number;
}
