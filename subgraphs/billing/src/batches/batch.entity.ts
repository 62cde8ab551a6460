import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
} from '@mikro-orm/core';
import { BillingFileEntity } from '../files/file.entity';

const BATCH_STATUSES = [
  'RECEIVED',
  'PROCESSING',
  'COMPLETED',
  'COMPLETED_WITH_ERRORS',
  'FAILED',
] as const;

/**
 * One imported charge file (`charge_batches`). Written with plain SQL (`batch.repository.ts`);
 * the entity documents the table and is checked against the migration.
 */
@Entity({ tableName: 'charge_batches' })
@Index({
  name: 'charge_batches_user',
  expression: 'create index charge_batches_user on charge_batches (user_id, id desc)',
})
export class ChargeBatchEntity {
  [OptionalProps]?:
    | 'chunksDone'
    | 'rows'
    | 'accepted'
    | 'duplicates'
    | 'invalid'
    | 'sent'
    | 'failed'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => BillingFileEntity, {
    fieldName: 'file_id',
    nullable: true,
    mapToPk: true,
    foreignKeyName: 'charge_batches_file_id_fkey',
    deleteRule: 'set null',
    updateRule: 'no action',
  })
  fileId: string | null = null;

  @Property({ type: 'text' })
  filename!: string;

  @Enum({ items: [...BATCH_STATUSES] })
  status!: (typeof BATCH_STATUSES)[number];

  /** The CSV dialect found when the file was split (encoding, delimiter, columns). */
  @Property({ type: 'json', nullable: true })
  dialect: object | null = null;

  @Property({ type: 'integer', nullable: true })
  chunks: number | null = null;

  @Property({ type: 'integer', default: 0 })
  chunksDone: number = 0;

  @Property({ type: 'integer', default: 0 })
  rows: number = 0;

  @Property({ type: 'integer', default: 0 })
  accepted: number = 0;

  @Property({ type: 'integer', default: 0 })
  duplicates: number = 0;

  @Property({ type: 'integer', default: 0 })
  invalid: number = 0;

  @Property({ type: 'integer', default: 0 })
  sent: number = 0;

  @Property({ type: 'integer', default: 0 })
  failed: number = 0;

  @Property({ type: 'text', nullable: true })
  failure: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

/** One processed chunk of a batch (`charge_batch_chunks`): applied once, with its counts. */
@Entity({ tableName: 'charge_batch_chunks' })
export class ChargeBatchChunkEntity {
  [PrimaryKeyProp]?: ['batchId', 'chunk'];
  [OptionalProps]?: 'doneAt';

  @ManyToOne(() => ChargeBatchEntity, {
    fieldName: 'batch_id',
    primary: true,
    mapToPk: true,
    foreignKeyName: 'charge_batch_chunks_batch_id_fkey',
    deleteRule: 'cascade',
    updateRule: 'no action',
  })
  batchId!: string;

  @PrimaryKey({ type: 'integer' })
  chunk!: number;

  @Property({ type: 'integer' })
  rows!: number;

  @Property({ type: 'integer' })
  accepted!: number;

  @Property({ type: 'integer' })
  duplicates!: number;

  @Property({ type: 'integer' })
  invalid!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  doneAt: Date = new Date();
}

/** A row's problem (`charge_batch_errors`): its file line, the field, the message. */
@Entity({ tableName: 'charge_batch_errors' })
@Check({ name: 'charge_batch_errors_line_check', expression: 'line > 0' })
export class ChargeBatchErrorEntity {
  [PrimaryKeyProp]?: ['batchId', 'line', 'idx'];

  @ManyToOne(() => ChargeBatchEntity, {
    fieldName: 'batch_id',
    primary: true,
    mapToPk: true,
    foreignKeyName: 'charge_batch_errors_batch_id_fkey',
    deleteRule: 'cascade',
    updateRule: 'no action',
  })
  batchId!: string;

  @PrimaryKey({ type: 'integer' })
  line!: number;

  @PrimaryKey({ type: 'integer' })
  idx!: number;

  @Property({ type: 'text' })
  field!: string;

  @Property({ type: 'text' })
  message!: string;
}
