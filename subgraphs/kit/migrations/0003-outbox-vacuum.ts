import { Migration } from '@mikro-orm/migrations';

/**
 * Every event leaves a dead row version behind once marked sent, and the relay's claim
 * walks the unsent index from its start: vacuum the outbox early and often (after
 * ~2,000 dead rows) rather than at the default 20% of its size.
 */
export class KitOutboxVacuum extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table kit_outbox set (
      autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
      autovacuum_vacuum_cost_delay = 0)`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table kit_outbox reset (
      autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_vacuum_cost_delay)`);
  }
}
