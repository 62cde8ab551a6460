import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { CardEntity } from '../cards/card.entity';

export const CARD_MOVEMENTS = ['PURCHASE', 'REFUND', 'PAYMENT'] as const;

/** One imported card statement row, recorded once per user; see migration 0002. */
@Entity({ tableName: 'card_statement_rows' })
@Index({
  name: 'card_statement_rows_series',
  expression: `create index card_statement_rows_series on card_statement_rows (card_id, series_key)
    where series_key is not null`,
})
export class StatementRowEntity {
  [OptionalProps]?:
    | 'purchaseId'
    | 'paymentId'
    | 'seriesId'
    | 'seriesKey'
    | 'installmentNumber'
    | 'installmentCount'
    | 'installmentAmount'
    | 'originMonth'
    | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  /** The import's row key for this card (the bank's id, or the row's). */
  @PrimaryKey({ type: 'text' })
  rowKey!: string;

  @ManyToOne(() => CardEntity, {
    fieldName: 'card_id',
    mapToPk: true,
    foreignKeyName: 'card_statement_rows_card_id_fkey',
    deleteRule: 'cascade',
    updateRule: 'no action',
  })
  cardId!: string;

  /** The import job (another database): no foreign key. */
  @Property({ type: 'uuid' })
  jobId!: string;

  @Enum({ items: [...CARD_MOVEMENTS] })
  movement!: (typeof CARD_MOVEMENTS)[number];

  @Property({ type: 'date' })
  rowDate!: string;

  @Property({ type: 'uuid', nullable: true })
  purchaseId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  paymentId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  seriesId: string | null = null;

  @Property({ type: 'text', nullable: true })
  seriesKey: string | null = null;

  @Property({ type: 'smallint', nullable: true })
  installmentNumber: number | null = null;

  @Property({ type: 'smallint', nullable: true })
  installmentCount: number | null = null;

  @Property({ type: 'bigint', nullable: true })
  installmentAmount: string | null = null;

  @Property({ type: 'character', length: 7, nullable: true })
  originMonth: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
