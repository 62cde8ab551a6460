import { Migration } from '@mikro-orm/migrations';

/**
 * The relay claims rows with a short lease instead of holding a transaction open
 * while it waits for PubAcks: two statements per batch instead of four, and a relay
 * that dies mid-batch frees its rows when the lease runs out.
 */
export class KitOutboxLease extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table kit_outbox add column claimed_until timestamptz');
  }

  override async down(): Promise<void> {
    this.addSql('alter table kit_outbox drop column claimed_until');
  }
}
