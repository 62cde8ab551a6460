import type { MigrationObject } from '@mikro-orm/core';
import { ImportSchema } from './0001-import';
import { ParseLease } from './0002-parse-lease';
import { CardAnswers } from './0003-card-answers';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [
  { name: 'import-0001-schema', class: ImportSchema },
  { name: 'import-0002-parse-lease', class: ParseLease },
  { name: 'import-0003-card-answers', class: CardAnswers },
];
