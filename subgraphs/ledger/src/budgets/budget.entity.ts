import {
  Check,
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { CategoryEntity } from '../categories/category.entity';

/** A monthly spending limit for one category. */
@Entity({ tableName: 'budgets' })
@Check({ name: 'budgets_limit_amount_check', expression: 'limit_amount > 0' })
@Unique({
  name: 'budgets_user_id_category_id_month_key',
  properties: ['userId', 'categoryId', 'month'],
})
@Index({ name: 'budgets_category', properties: ['categoryId', 'month'] })
export class BudgetEntity {
  [OptionalProps]?: 'exceededAt' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => CategoryEntity, {
    fieldName: 'category_id',
    mapToPk: true,
    foreignKeyName: 'budgets_category_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  categoryId!: string;

  /** `YYYY-MM`. */
  @Property({ type: 'character', length: 7 })
  month!: string;

  /** Minor units. */
  @Property({ type: 'bigint' })
  limitAmount!: bigint;

  @Property({ type: 'character', length: 3 })
  currency!: string;

  /** Set once, when spending first goes over the limit: the alert fires once per month. */
  @Property({ type: 'datetime', nullable: true })
  exceededAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
