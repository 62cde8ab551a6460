import { Check, Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A credit card; its limit and days drive invoices and the available limit. */
@Entity({ tableName: 'cards' })
@Check({ name: 'cards_limit_amount_check', expression: 'limit_amount >= 0' })
@Check({ name: 'cards_closing_day_check', expression: 'closing_day >= 1 and closing_day <= 31' })
@Check({ name: 'cards_due_day_check', expression: 'due_day >= 1 and due_day <= 31' })
@Index({ name: 'cards_user', properties: ['userId', 'createdAt', 'id'] })
export class CardEntity {
  [OptionalProps]?:
    'last4' | 'paymentAccountId' | 'archived' | 'version' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  name!: string;

  /** A `CardBrand`; the column has no check, the API validates it. */
  @Property({ type: 'text' })
  brand!: string;

  @Property({ type: 'character', length: 4, nullable: true })
  last4: string | null = null;

  @Property({ type: 'character', length: 3 })
  currency!: string;

  /** Minor units. */
  @Property({ type: 'bigint' })
  limitAmount!: bigint;

  @Property({ type: 'smallint' })
  closingDay!: number;

  @Property({ type: 'smallint' })
  dueDay!: number;

  /** A ledger account (another database): no foreign key. */
  @Property({ type: 'uuid', nullable: true })
  paymentAccountId: string | null = null;

  /** The ledger's CREDIT_CARD account, created from cards.card.created with this id. */
  @Property({ type: 'uuid' })
  @Unique({ name: 'cards_liability_account_id_key' })
  liabilityAccountId!: string;

  @Property({ type: 'boolean', default: false })
  archived = false;

  @Property({ type: 'integer', default: 1 })
  version = 1;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
