import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A ledger account as the forecast needs it (from ledger.account.created|updated). */
@Entity({ tableName: 'accounts' })
@Index({ name: 'accounts_user', properties: ['userId'] })
export class AccountEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'character', length: 3 })
  currency!: string;

  /** Minor units, signed. */
  @Property({ type: 'bigint' })
  initialBalance!: bigint;

  @Property({ type: 'boolean' })
  archived!: boolean;

  /** The event's time: an older event never overwrites a newer one. */
  @Property({ type: 'datetime' })
  seenAt!: Date;
}

/** A card invoice: what is left to pay and when (from cards.invoice.*). */
@Entity({ tableName: 'card_invoices' })
@Index({ name: 'card_invoices_user_due', properties: ['userId', 'dueDate'] })
export class CardInvoiceEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  cardId!: string;

  @Property({ type: 'character', length: 7 })
  month!: string;

  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'date' })
  dueDate!: string;

  @Property({ type: 'bigint' })
  total!: bigint;

  @Property({ type: 'bigint' })
  paid!: bigint;

  @Property({ type: 'character', length: 3 })
  currency!: string;

  @Property({ type: 'datetime' })
  seenAt!: Date;
}
