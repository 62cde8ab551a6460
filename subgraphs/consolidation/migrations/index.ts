import type { MigrationObject } from '@mikro-orm/core';
import { ConsolidationTables } from './0001-consolidation';
import { CloseEpoch } from './0002-close-epoch';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [
  { name: 'consolidation-0001-tables', class: ConsolidationTables },
  { name: 'consolidation-0002-close-epoch', class: CloseEpoch },
];
