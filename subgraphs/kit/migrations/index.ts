import type { MigrationObject } from '@mikro-orm/core';
import { KitOutboxInbox } from './0001-outbox-inbox';
import { KitOutboxLease } from './0002-outbox-lease';
import { KitOutboxVacuum } from './0003-outbox-vacuum';
import { KitInboxLean } from './0004-inbox-lean';

/** The kit's own tables, applied before every subgraph's migrations. */
export const kitMigrations: MigrationObject[] = [
  { name: 'kit-0001-outbox-inbox', class: KitOutboxInbox },
  { name: 'kit-0002-outbox-lease', class: KitOutboxLease },
  { name: 'kit-0003-outbox-vacuum', class: KitOutboxVacuum },
  { name: 'kit-0004-inbox-lean', class: KitInboxLean },
];
