import { Migration } from '@mikro-orm/migrations';

/** Paid charges of the billing subgraph become entries with source BILLING. */
export class LedgerBillingSource extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table entries drop constraint entries_source_check');
    this.addSql(`
      alter table entries add constraint entries_source_check
        check (source in ('MANUAL', 'IMPORT', 'CARDS', 'RECURRENCE', 'BILLING'))`);
  }
}
