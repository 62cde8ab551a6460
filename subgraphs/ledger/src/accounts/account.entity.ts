import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { CategoryEntity } from '../categories/category.entity';

export const ACCOUNT_CLASSES = ['ASSET', 'LIABILITY', 'INCOME', 'EXPENSE', 'EQUITY'] as const;
export const ACCOUNT_TYPES = [
  'CHECKING',
  'SAVINGS',
  'CASH',
  'INVESTMENT',
  'WALLET',
  'CREDIT_CARD',
  'LOAN',
  'OTHER_ASSET',
  'OTHER_LIABILITY',
] as const;

/**
 * An account: the user's own (ASSET, LIABILITY, with a type) or nominal (INCOME, EXPENSE
 * per category and currency, EQUITY for exchange). `balance` moves with the postings, in
 * the same transaction, through the book's SQL.
 */
@Entity({ tableName: 'accounts' })
@Check({ name: 'accounts_overdraft', expression: 'allow_negative or balance >= 0' })
@Check({
  name: 'accounts_real_type',
  // As PostgreSQL prints it back, so that MikroORM's comparison matches.
  expression: `(class = any (array['ASSET', 'LIABILITY'])) = (type is not null)`,
})
@Index({ name: 'accounts_user', properties: ['userId', 'createdAt', 'id'] })
@Index({
  name: 'accounts_nominal',
  expression: `create unique index accounts_nominal on accounts (user_id, class, currency, category_id)
    nulls not distinct where class in ('INCOME', 'EXPENSE', 'EQUITY')`,
})
@Index({
  name: 'accounts_external',
  expression: `create unique index accounts_external on accounts (user_id, external_id)
    where external_id is not null`,
})
export class AccountEntity {
  [OptionalProps]?:
    | 'type'
    | 'balance'
    | 'initialBalance'
    | 'allowNegative'
    | 'archived'
    | 'color'
    | 'icon'
    | 'categoryId'
    | 'externalId'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Enum({ items: [...ACCOUNT_CLASSES], fieldName: 'class' })
  accountClass!: (typeof ACCOUNT_CLASSES)[number];

  /** Set exactly on the user's own accounts (ASSET, LIABILITY). */
  @Enum({ items: [...ACCOUNT_TYPES], nullable: true })
  type: (typeof ACCOUNT_TYPES)[number] | null = null;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'character', length: 3 })
  currency!: string;

  /** Minor units. */
  @Property({ type: 'bigint', default: 0 })
  balance: bigint = 0n;

  @Property({ type: 'bigint', default: 0 })
  initialBalance: bigint = 0n;

  @Property({ type: 'boolean', default: true })
  allowNegative = true;

  @Property({ type: 'boolean', default: false })
  archived = false;

  @Property({ type: 'text', nullable: true })
  color: string | null = null;

  @Property({ type: 'text', nullable: true })
  icon: string | null = null;

  /** The category of a nominal INCOME or EXPENSE account. */
  @ManyToOne(() => CategoryEntity, {
    fieldName: 'category_id',
    mapToPk: true,
    nullable: true,
    foreignKeyName: 'accounts_category_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  categoryId: string | null = null;

  @Property({ type: 'text', nullable: true })
  externalId: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
