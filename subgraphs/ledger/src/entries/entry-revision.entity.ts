import {
  Entity,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
} from '@mikro-orm/core';
import { EntryEntity } from './entry.entity';

/** The previous state of an entry at each edit or delete: the audit trail. */
@Entity({ tableName: 'entry_revisions' })
export class EntryRevisionEntity {
  [PrimaryKeyProp]?: ['entryId', 'version'];
  [OptionalProps]?: 'createdAt';

  @ManyToOne(() => EntryEntity, {
    fieldName: 'entry_id',
    primary: true,
    mapToPk: true,
    foreignKeyName: 'entry_revisions_entry_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  entryId!: string;

  @PrimaryKey({ type: 'integer' })
  version!: number;

  @Property({ type: 'json' })
  snapshot!: Record<string, unknown>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
