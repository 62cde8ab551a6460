import type { MigrationObject } from '@mikro-orm/core';
import { CardsSchema } from './0001-cards';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [{ name: 'cards-0001-schema', class: CardsSchema }];
