import {
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
} from '@mikro-orm/core';

/**
 * An uploaded charge file's header (`billing_files`). Written with plain SQL (the kit's
 * file store); the entity documents the table and is checked against the migration.
 */
@Entity({ tableName: 'billing_files' })
@Index({ name: 'billing_files_user', properties: ['userId', 'createdAt'] })
@Index({ name: 'billing_files_expiry', properties: ['expiresAt'] })
export class BillingFileEntity {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  filename!: string;

  @Property({ type: 'text', nullable: true })
  contentType: string | null = null;

  @Property({ type: 'bigint' })
  size!: bigint;

  @Property({ type: 'character', length: 64 })
  sha256!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;
}

/** One 1 MiB part of a file's bytes (`billing_file_chunks`), in order by `seq`. */
@Entity({ tableName: 'billing_file_chunks' })
export class BillingFileChunkEntity {
  [PrimaryKeyProp]?: ['fileId', 'seq'];

  @ManyToOne(() => BillingFileEntity, {
    fieldName: 'file_id',
    primary: true,
    mapToPk: true,
    foreignKeyName: 'billing_file_chunks_file_id_fkey',
    deleteRule: 'cascade',
    updateRule: 'no action',
  })
  fileId!: string;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  @Property({ type: 'blob' })
  data!: Buffer;
}
