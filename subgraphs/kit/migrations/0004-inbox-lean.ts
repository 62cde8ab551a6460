import { Migration } from '@mikro-orm/migrations';

/**
 * The inbox is written once per consumed event, so each index and each key comparison
 * counts: the consumer name compares bytewise (collation "C") and the `processed_at`
 * index goes (nothing reads by it; event ids are UUIDv7, so a retention job can key
 * on `event_id` instead).
 */
export class KitInboxLean extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index kit_inbox_processed_at');
    this.addSql('alter table kit_inbox alter column consumer type text collate "C"');
  }

  override async down(): Promise<void> {
    this.addSql('alter table kit_inbox alter column consumer type text collate "default"');
    this.addSql('create index kit_inbox_processed_at on kit_inbox (processed_at)');
  }
}
