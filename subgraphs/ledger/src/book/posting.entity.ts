import {
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
} from '@mikro-orm/core';
import { EntryEntity } from '../entries/entry.entity';

/**
 * One line of an entry version's double entry. Append-only (a trigger refuses updates)
 * and balanced per currency (a statement trigger): triggers MikroORM does not model.
 */
@Entity({ tableName: 'postings' })
@Index({ name: 'postings_account_date', properties: ['accountId', 'date'] })
export class PostingEntity {
  [PrimaryKeyProp]?: ['entryId', 'line'];
  [OptionalProps]?: 'reversal' | 'createdAt';

  @ManyToOne(() => EntryEntity, {
    fieldName: 'entry_id',
    primary: true,
    mapToPk: true,
    foreignKeyName: 'postings_entry_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  entryId!: string;

  @PrimaryKey({ type: 'smallint' })
  line!: number;

  @Property({ type: 'uuid' })
  accountId!: string;

  /** Signed minor units: debits positive, credits negative. */
  @Property({ type: 'bigint' })
  amount!: bigint;

  @Property({ type: 'character', length: 3 })
  currency!: string;

  @Property({ type: 'date' })
  date!: string;

  @Property({ type: 'integer' })
  entryVersion!: number;

  @Property({ type: 'boolean', default: false })
  reversal = false;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
