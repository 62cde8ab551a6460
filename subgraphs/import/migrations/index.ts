import type { MigrationObject } from '@mikro-orm/core';
import { ImportSchema } from './0001-import';
import { ParseLease } from './0002-parse-lease';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [
  { name: 'import-0001-schema', class: ImportSchema },
  { name: 'import-0002-parse-lease', class: ParseLease },
];
