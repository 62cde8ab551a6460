import { Migration } from '@mikro-orm/migrations';

/**
 * Imported entries are unique by the bank's id per account (two accounts may share an
 * OFX FITID), not per user like the other sources' external ids.
 */
export class LedgerImportExternal extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index entries_external');
    this.addSql(`
      create unique index entries_external on entries (user_id, source, external_id)
        where external_id is not null and source <> 'IMPORT'`);
    this.addSql(`
      create unique index entries_import_external on entries (account_id, external_id)
        where external_id is not null and source = 'IMPORT'`);
  }
}
