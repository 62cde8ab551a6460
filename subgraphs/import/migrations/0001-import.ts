import { Migration } from '@mikro-orm/migrations';

const STATUSES = `'PARSING','PREVIEW','IMPORTING','COMPLETED','FAILED','CANCELLED'`;

/** Uploaded files, import jobs and their rows, CSV mappings, the read model of ledger entries. */
export class ImportSchema extends Migration {
  override async up(): Promise<void> {
    this.createFiles();
    this.createJobs();
    this.createRows();
    this.createReadModel();
  }

  private createFiles(): void {
    // A file arrives as a stream and is stored in parts of at most 256 KiB (never one
    // 20 MB value in memory); removed with its job, or once it expires (30 days).
    this.addSql(`
      create table files (
        id uuid primary key,
        user_id uuid not null,
        filename text not null,
        content_type text,
        size bigint not null,
        sha256 char(64) not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null
      )`);
    this.addSql('create index files_user on files (user_id, created_at)');
    this.addSql('create index files_expiry on files (expires_at)');
    this.addSql(`
      create table file_parts (
        file_id uuid not null references files (id) on delete cascade,
        seq int not null,
        data bytea not null,
        primary key (file_id, seq)
      )`);
  }

  private createJobs(): void {
    this.addSql(`
      create table import_jobs (
        id uuid primary key,
        user_id uuid not null,
        file_id uuid references files (id) on delete set null,
        status text not null check (status in (${STATUSES})),
        format text,
        filename text not null,
        account_id uuid,
        card_id uuid,
        currency char(3),
        statement_accounts jsonb not null default '[]',
        statement_account_id text,
        detected jsonb not null default '{}',
        errors jsonb not null default '[]',
        invalid int not null default 0,
        chunks int not null default 0,
        imported int not null default 0,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        completed_at timestamptz,
        constraint import_jobs_target check (num_nonnulls(account_id, card_id) = 1)
      )`);
    this.addSql('create index import_jobs_user on import_jobs (user_id, created_at desc, id desc)');
    // One answer of the ledger per chunk: a redelivered answer counts once.
    this.addSql(`
      create table import_chunks (
        job_id uuid not null references import_jobs (id) on delete cascade,
        chunk int not null,
        rows int not null,
        created int,
        existing int,
        error text,
        answered_at timestamptz,
        primary key (job_id, chunk)
      )`);
    this.addSql(`
      create table csv_mappings (
        id uuid primary key,
        user_id uuid not null,
        name text not null,
        mapping jsonb not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (user_id, name)
      )`);
  }

  private createRows(): void {
    this.addSql(`
      create table import_rows (
        id uuid primary key,
        job_id uuid not null references import_jobs (id) on delete cascade,
        user_id uuid not null,
        line int not null,
        date date not null,
        amount bigint not null,
        currency char(3) not null,
        kind text not null check (kind in ('INCOME', 'EXPENSE')),
        description text not null,
        payee text,
        external_id text,
        -- What makes the row unique in its account: bank id (+ installment), or row:<id>.
        match_key text not null,
        duplicate_of uuid,
        duplicate_reason text check (duplicate_reason in ('EXTERNAL_ID', 'SIMILAR')),
        included boolean not null,
        category_id uuid,
        installment_number int,
        installment_count int,
        chunk int
      )`);
    this.addSql('create index import_rows_job on import_rows (job_id, line, id)');
  }

  private createReadModel(): void {
    // The ledger's entries as its events tell them: duplicates are found here, the ledger
    // is never called. One row per entry and real account it moves (a transfer has two);
    // signed amount: negative leaves the account.
    this.addSql(`
      create table ledger_entries (
        entry_id uuid not null,
        user_id uuid not null,
        account_id uuid not null,
        date date not null,
        amount bigint not null,
        description text not null,
        norm_description text not null,
        external_id text,
        source text not null,
        category_id uuid,
        version int not null,
        deleted boolean not null default false,
        primary key (entry_id, account_id)
      )`);
    this.addSql(`
      create index ledger_entries_amount on ledger_entries (account_id, amount, date)
        where not deleted`);
    this.addSql(`
      create index ledger_entries_external on ledger_entries (account_id, external_id)
        where external_id is not null and not deleted`);
    this.addSql(`
      create index ledger_entries_description on ledger_entries (user_id, norm_description)
        where category_id is not null and not deleted`);
    this.addSql('create index ledger_entries_user on ledger_entries (user_id)');
  }
}
