import { Migration } from '@mikro-orm/migrations';

/**
 * Monthly reports: asked for (PENDING), written by the report worker (READY or FAILED).
 * `content` holds the computed figures (income, expense, top categories, comparison,
 * alerts, suggestions, forecast); `model` says who wrote `text` (`template` or the
 * provider's model).
 */
export class AiMonthlyReports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table monthly_reports (
        id uuid primary key,
        user_id uuid not null,
        month char(7) not null,
        locale text not null,
        time_zone text not null,
        status text not null default 'PENDING',
        content jsonb,
        text text,
        model text,
        failure_reason text,
        created_at timestamptz not null default now(),
        ready_at timestamptz
      )`);
    this.addSql('create index monthly_reports_user on monthly_reports (user_id, created_at, id)');
    this.addSql(
      `create index monthly_reports_pending on monthly_reports (created_at) where status = 'PENDING'`,
    );
  }
}
