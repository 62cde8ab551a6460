import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A ledger category as ai knows it (from ledger.category.created|updated). */
@Entity({ tableName: 'categories' })
@Index({ name: 'categories_user', properties: ['userId'] })
export class AiCategoryEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  kind!: string;

  /** The ledger's built-in category key (groceries, dining, ...); null for the user's own. */
  @Property({ type: 'text', nullable: true })
  defaultKey: string | null = null;

  @Property({ type: 'boolean' })
  archived!: boolean;

  @Property({ type: 'datetime' })
  seenAt!: Date;
}
