import { Migration } from '@mikro-orm/migrations';

/** Entries, their postings (append-only), revisions, recurrences and budgets. */
export class LedgerEntries extends Migration {
  override async up(): Promise<void> {
    this.createRecurrences();
    this.createEntries();
    this.createPostings();
    this.createBudgets();
  }

  private createRecurrences(): void {
    this.addSql(`
      create table recurrences (
        id uuid primary key,
        user_id uuid not null,
        status text not null check (status in ('ACTIVE', 'PAUSED', 'CANCELLED', 'FINISHED')),
        frequency text not null check (frequency in ('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY')),
        interval int not null check (interval between 1 and 1000),
        day_of_month smallint check (day_of_month between 1 and 31),
        start_date date not null,
        end_date date,
        count int check (count > 0),
        weekend_policy text not null,
        auto_post boolean not null,
        time_zone text not null,
        kind text not null,
        account_id uuid not null references accounts (id),
        to_account_id uuid references accounts (id),
        category_id uuid references categories (id),
        amount bigint not null check (amount > 0),
        currency char(3) not null,
        to_amount bigint,
        to_currency char(3),
        description text not null,
        notes text,
        tags text[] not null default '{}',
        -- Materialisation cursor: the next occurrence index and its nominal date.
        next_index int not null default 0,
        next_date date,
        last_error text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql('create index recurrences_user on recurrences (user_id, created_at)');
    this.addSql(`create index recurrences_due on recurrences (next_date) where status = 'ACTIVE'`);
  }

  private createEntries(): void {
    this.addSql(`
      create table entries (
        id uuid primary key,
        user_id uuid not null,
        kind text not null check (kind in ('INCOME', 'EXPENSE', 'TRANSFER')),
        status text not null check (status in ('PENDING', 'POSTED')),
        amount bigint not null check (amount > 0),
        currency char(3) not null,
        to_amount bigint check (to_amount > 0),
        to_currency char(3),
        date date not null,
        due_date date,
        description text not null default '',
        notes text,
        tags text[] not null default '{}',
        account_id uuid not null,
        to_account_id uuid,
        category_id uuid,
        source text not null check (source in ('MANUAL', 'IMPORT', 'CARDS', 'RECURRENCE')),
        external_id text,
        recurrence_id uuid references recurrences (id),
        occurrence_date date,
        idempotency_key text,
        request_hash text,
        version int not null default 1,
        -- The version whose postings are in effect; null while pending or once deleted.
        posted_version int,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        deleted_at timestamptz,
        constraint entries_transfer check ((kind = 'TRANSFER') = (to_account_id is not null)),
        constraint entries_not_self check (to_account_id is null or to_account_id <> account_id)
      )`);
    // Keyset pagination: (date, id) in both directions, per user, per account, per category.
    this.addSql('create index entries_user_date on entries (user_id, date, id)');
    this.addSql('create index entries_account_date on entries (account_id, date, id)');
    this.addSql(`
      create index entries_to_account_date on entries (to_account_id, date, id)
        where to_account_id is not null`);
    this.addSql(`
      create index entries_category_date on entries (category_id, date, id)
        where category_id is not null`);
    this.addSql(`
      create index entries_pending on entries (user_id, date, id)
        where status = 'PENDING' and deleted_at is null`);
    this.addSql(`
      create index entries_pending_recurring on entries (date)
        where status = 'PENDING' and deleted_at is null and recurrence_id is not null`);
    this.addSql(`
      create unique index entries_idempotency on entries (user_id, idempotency_key)
        where idempotency_key is not null`);
    this.addSql(`
      create unique index entries_external on entries (user_id, source, external_id)
        where external_id is not null`);
    this.addSql(`
      create unique index entries_occurrence on entries (recurrence_id, occurrence_date)
        where recurrence_id is not null and deleted_at is null`);
    // The previous state of an entry at each edit or delete: the audit trail.
    this.addSql(`
      create table entry_revisions (
        entry_id uuid not null references entries (id),
        version int not null,
        snapshot jsonb not null,
        created_at timestamptz not null default now(),
        primary key (entry_id, version)
      )`);
  }

  private createPostings(): void {
    this.addSql(`
      create table postings (
        entry_id uuid not null references entries (id),
        line smallint not null,
        account_id uuid not null,
        amount bigint not null,
        currency char(3) not null,
        date date not null,
        entry_version int not null,
        reversal boolean not null default false,
        created_at timestamptz not null default now(),
        primary key (entry_id, line)
      )`);
    this.addSql('create index postings_account_date on postings (account_id, date)');
    // Double entry, enforced by the database: every set of postings written together for
    // one entry version sums to zero per currency.
    this.addSql(`
      create function ledger_postings_balanced() returns trigger language plpgsql as $$
      begin
        if exists (
          select 1 from new_postings
           group by entry_id, entry_version, reversal, currency
          having sum(amount) <> 0
        ) then
          raise exception 'postings do not balance' using errcode = '23514',
            constraint = 'postings_balanced';
        end if;
        return null;
      end $$`);
    this.addSql(`
      create trigger postings_balanced after insert on postings
        referencing new table as new_postings
        for each statement execute function ledger_postings_balanced()`);
    // Postings are history: corrections are new (reversal) postings, never edits.
    this.addSql(`
      create function ledger_postings_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'postings are append-only';
      end $$`);
    this.addSql(`
      create trigger postings_immutable before update on postings
        for each statement execute function ledger_postings_immutable()`);
  }

  private createBudgets(): void {
    this.addSql(`
      create table budgets (
        id uuid primary key,
        user_id uuid not null,
        category_id uuid not null references categories (id),
        month char(7) not null,
        limit_amount bigint not null check (limit_amount > 0),
        currency char(3) not null,
        -- Set once, when spending first goes over the limit: the alert fires once per month.
        exceeded_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (user_id, category_id, month)
      )`);
    this.addSql('create index budgets_category on budgets (category_id, month)');
  }

  override async down(): Promise<void> {
    for (const table of ['budgets', 'postings', 'entry_revisions', 'entries', 'recurrences']) {
      this.addSql(`drop table ${table}`);
    }
    this.addSql('drop function ledger_postings_balanced');
    this.addSql('drop function ledger_postings_immutable');
  }
}
