import {
  Check,
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { CardEntity } from '../cards/card.entity';

/** A purchase on a card, split into installments; a delete sets `deletedAt`. */
@Entity({ tableName: 'purchases' })
@Check({ name: 'purchases_total_amount_check', expression: 'total_amount > 0' })
@Check({
  name: 'purchases_installment_count_check',
  expression: 'installment_count >= 1 and installment_count <= 48',
})
@Index({
  name: 'purchases_idempotency',
  expression: `create unique index purchases_idempotency on purchases (user_id, idempotency_key)
    where idempotency_key is not null`,
})
@Index({
  name: 'purchases_card',
  expression: `create index purchases_card on purchases (card_id, purchase_date desc, id)
    where deleted_at is null`,
})
export class PurchaseEntity {
  [OptionalProps]?:
    | 'merchant'
    | 'categoryId'
    | 'idempotencyKey'
    | 'version'
    | 'deletedAt'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => CardEntity, {
    fieldName: 'card_id',
    mapToPk: true,
    foreignKeyName: 'purchases_card_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  cardId!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'text', nullable: true })
  merchant: string | null = null;

  /** A ledger category (another database): no foreign key. */
  @Property({ type: 'uuid', nullable: true })
  categoryId: string | null = null;

  /** Minor units. */
  @Property({ type: 'bigint' })
  totalAmount!: bigint;

  @Property({ type: 'date' })
  purchaseDate!: string;

  @Property({ type: 'smallint' })
  installmentCount!: number;

  @Property({ type: 'text', nullable: true })
  idempotencyKey: string | null = null;

  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'integer', default: 1 })
  version = 1;

  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
