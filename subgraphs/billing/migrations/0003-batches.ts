import { Migration } from '@mikro-orm/migrations';

const STATUSES = `'RECEIVED','PROCESSING','COMPLETED','COMPLETED_WITH_ERRORS','FAILED'`;

/**
 * Charge files imported as batches: the batch (status, totals, the file's CSV dialect once
 * planned), one row per processed chunk (its counts; a chunk is applied once), the per-row
 * errors with their line and field, and the batch and file line of each charge it made.
 */
export class BillingBatches extends Migration {
  override async up(): Promise<void> {
    // file_id: the file may be swept (30 days) while the batch and its charges stay.
    this.addSql(`
      create table charge_batches (
        id uuid primary key,
        user_id uuid not null,
        file_id uuid references billing_files (id) on delete set null,
        filename text not null,
        status text not null check (status in (${STATUSES})),
        dialect jsonb,
        chunks int,
        chunks_done int not null default 0,
        rows int not null default 0,
        accepted int not null default 0,
        duplicates int not null default 0,
        invalid int not null default 0,
        -- Kept by the delivery outcomes: charges emailed once at least, charges FAILED now.
        sent int not null default 0,
        failed int not null default 0,
        failure text,
        created_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz not null default now()
      )`);
    this.addSql('create index charge_batches_user on charge_batches (user_id, id desc)');
    this.addSql(`
      create table charge_batch_chunks (
        batch_id uuid not null references charge_batches (id) on delete cascade,
        chunk int not null,
        rows int not null,
        accepted int not null,
        duplicates int not null,
        invalid int not null,
        done_at timestamptz not null default now(),
        primary key (batch_id, chunk)
      )`);
    // Ordered by line, then by the error's place in its row.
    this.addSql(`
      create table charge_batch_errors (
        batch_id uuid not null references charge_batches (id) on delete cascade,
        line int not null check (line > 0),
        idx int not null,
        field text not null,
        message text not null,
        primary key (batch_id, line, idx)
      )`);
    this.addSql('alter table charges add column batch_id uuid, add column line int');
    this.addSql(
      'create index charges_batch on charges (batch_id, status) where batch_id is not null',
    );
  }
}
