import { Migration } from '@mikro-orm/migrations';

/**
 * Recurring charges need each entry's value date and status. Entries seen before this
 * migration keep a null date until the ledger publishes them again (any edit does); the
 * detectors skip them.
 */
export class AiEntryDates extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table entries add column date date');
    this.addSql(`alter table entries add column status text not null default 'POSTED'`);
    this.addSql('create index entries_user_date on entries (user_id, date)');
  }
}
