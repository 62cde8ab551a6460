import type { MigrationObject } from '@mikro-orm/core';
import { IdentityTables } from './0001-identity';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [
  { name: 'identity-0001-tables', class: IdentityTables },
];
