import type { MigrationObject } from '@mikro-orm/core';
import { KitOutboxInbox } from './0001-outbox-inbox';

/** The kit's own tables, applied before every subgraph's migrations. */
export const kitMigrations: MigrationObject[] = [
  { name: 'kit-0001-outbox-inbox', class: KitOutboxInbox },
];
