import type { MigrationObject } from '@mikro-orm/core';
import { CardsSchema } from './0001-cards';
import { StatementRows } from './0002-statement-rows';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [
  { name: 'cards-0001-schema', class: CardsSchema },
  { name: 'cards-0002-statement-rows', class: StatementRows },
];
