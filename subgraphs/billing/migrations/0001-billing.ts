import { Migration } from '@mikro-orm/migrations';

const STATUSES = `'PENDING','ISSUED','SENT','PAID','OVERDUE','CANCELLED','FAILED'`;

/** Beneficiaries' billing profiles (with their our-number counter) and their charges. */
export class BillingSchema extends Migration {
  override async up(): Promise<void> {
    // One per user; every field optional until the profile is complete. The counter hands
    // out our-numbers in ranges (`update ... returning`), never twice.
    this.addSql(`
      create table billing_profiles (
        user_id uuid primary key,
        beneficiary_name text,
        beneficiary_document text,
        bank_code text,
        agency text,
        account text,
        wallet text,
        agreement text,
        pix_key text,
        receiving_account_id uuid,
        sender_name text,
        -- The beneficiary's zone (identity's, or the caller's at their last update): a charge
        -- turns OVERDUE the day after its due date there.
        time_zone text not null default 'America/Sao_Paulo',
        next_our_number bigint not null default 1 check (next_our_number > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    // debtId is the idempotency key per beneficiary; request_hash tells a replay from a conflict.
    this.addSql(`
      create table charges (
        id uuid primary key,
        user_id uuid not null,
        debt_id text not null,
        request_hash text not null,
        payer_name text not null,
        payer_government_id text not null,
        payer_email text not null,
        amount bigint not null check (amount > 0),
        currency char(3) not null default 'BRL',
        due_date date not null,
        status text not null check (status in (${STATUSES})),
        our_number text,
        barcode char(44),
        digitable_line char(47),
        pix_br_code text,
        attempt int not null default 1,
        sent_at timestamptz,
        paid_at timestamptz,
        paid_amount bigint,
        paid_date date,
        failure_reason text,
        ledger_entry_id uuid,
        ledger_rejection text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (user_id, debt_id)
      )`);
    this.addSql('create index charges_user_id on charges (user_id, id desc)');
    this.addSql('create index charges_user_due on charges (user_id, due_date)');
    // The overdue sweep's scan: open charges by due date.
    this.addSql(
      `create index charges_open_due on charges (due_date) where status in ('PENDING', 'ISSUED', 'SENT')`,
    );
    this.addSql(
      'create unique index charges_our_number on charges (user_id, our_number) where our_number is not null',
    );
  }
}
