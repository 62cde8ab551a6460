import type { MigrationObject } from '@mikro-orm/core';
import { ImportSchema } from './0001-import';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [{ name: 'import-0001-schema', class: ImportSchema }];
