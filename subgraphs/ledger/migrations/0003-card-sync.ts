import { Migration } from '@mikro-orm/migrations';

/**
 * The highest version of each card and purchase the ledger has applied from the CARDS
 * stream: a snapshot redelivered after a newer one (a retried event) is then skipped.
 */
export class LedgerCardSync extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table card_sync (
        ref_id uuid primary key,
        user_id uuid not null,
        version int not null
      )`);
    this.addSql('create index card_sync_user on card_sync (user_id)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table card_sync');
  }
}
