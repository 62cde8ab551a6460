import { Migration } from '@mikro-orm/migrations';

/**
 * Emails to other systems' people (a beneficiary's payers): a delivery may carry a
 * reference (`{ chargeId, attempt }`) whose outcome is reported back by event once final.
 */
export class NotificationsChargeEmails extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table deliveries add column ref jsonb, add column reported_at timestamptz');
    this.addSql(`
      create index deliveries_unreported on deliveries (created_at)
        where ref is not null and reported_at is null and status in ('SENT', 'FAILED')`);
  }
}
