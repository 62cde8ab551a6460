import { Migration } from '@mikro-orm/migrations';

/**
 * Card statement rows recorded from imports: each once per user (its key), and the
 * installment series they belong to, so a later statement's `4/10` joins the purchase
 * an earlier `3/10` created instead of making another.
 */
export class StatementRows extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table card_statement_rows (
        user_id uuid not null,
        row_key text not null,
        card_id uuid not null references cards (id) on delete cascade,
        job_id uuid not null,
        movement text not null check (movement in ('PURCHASE', 'REFUND', 'PAYMENT')),
        row_date date not null,
        purchase_id uuid,
        payment_id uuid,
        series_id uuid,
        series_key text,
        installment_number smallint,
        installment_count smallint,
        installment_amount bigint,
        origin_month character(7),
        created_at timestamptz not null default now(),
        primary key (user_id, row_key)
      )`);
    this.addSql(`
      create index card_statement_rows_series on card_statement_rows (card_id, series_key)
        where series_key is not null`);
  }
}
