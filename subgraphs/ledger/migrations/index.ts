import type { MigrationObject } from '@mikro-orm/core';
import { LedgerAccounts } from './0001-accounts';
import { LedgerEntries } from './0002-entries';
import { LedgerCardSync } from './0003-card-sync';
import { LedgerImportExternal } from './0004-import-external';
import { LedgerBillingSource } from './0005-billing-source';
import { LedgerMoreDefaultCategories } from './0006-more-default-categories';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [
  { name: 'ledger-0001-accounts', class: LedgerAccounts },
  { name: 'ledger-0002-entries', class: LedgerEntries },
  { name: 'ledger-0003-card-sync', class: LedgerCardSync },
  { name: 'ledger-0004-import-external', class: LedgerImportExternal },
  { name: 'ledger-0005-billing-source', class: LedgerBillingSource },
  { name: 'ledger-0006-more-default-categories', class: LedgerMoreDefaultCategories },
];
