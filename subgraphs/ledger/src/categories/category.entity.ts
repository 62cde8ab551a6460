import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';

export const CATEGORY_KINDS = ['INCOME', 'EXPENSE'] as const;

/** A user's category; a nominal account per category and currency carries its postings. */
@Entity({ tableName: 'categories' })
@Index({
  name: 'categories_name',
  expression: `create unique index categories_name
    on categories (user_id, kind, parent_id, lower(name)) nulls not distinct`,
})
@Index({
  name: 'categories_default',
  expression: `create unique index categories_default
    on categories (user_id, default_key) where default_key is not null`,
})
@Index({
  name: 'categories_parent',
  expression:
    'create index categories_parent on categories (parent_id) where parent_id is not null',
})
export class CategoryEntity {
  [OptionalProps]?:
    'parentId' | 'color' | 'icon' | 'archived' | 'defaultKey' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: [...CATEGORY_KINDS] })
  kind!: (typeof CATEGORY_KINDS)[number];

  @ManyToOne(() => CategoryEntity, {
    fieldName: 'parent_id',
    mapToPk: true,
    nullable: true,
    foreignKeyName: 'categories_parent_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  parentId: string | null = null;

  @Property({ type: 'text', nullable: true })
  color: string | null = null;

  @Property({ type: 'text', nullable: true })
  icon: string | null = null;

  @Property({ type: 'boolean', default: false })
  archived = false;

  /** Set on the defaults created at registration, so a replay creates nothing twice. */
  @Property({ type: 'text', nullable: true })
  defaultKey: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
