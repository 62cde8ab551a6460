import type { MigrationObject } from '@mikro-orm/core';
import { BillingSchema } from './0001-billing';
import { BillingFiles } from './0002-files';
import { BillingBatches } from './0003-batches';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [
  { name: 'billing-0001-schema', class: BillingSchema },
  { name: 'billing-0002-files', class: BillingFiles },
  { name: 'billing-0003-batches', class: BillingBatches },
];
