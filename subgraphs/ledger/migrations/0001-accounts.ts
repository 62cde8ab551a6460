import { Migration } from '@mikro-orm/migrations';

const ACCOUNT_TYPES = `'CHECKING','SAVINGS','CASH','INVESTMENT','WALLET','CREDIT_CARD','LOAN','OTHER_ASSET','OTHER_LIABILITY'`;

/** Accounts (real and nominal) and categories. */
export class LedgerAccounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table categories (
        id uuid primary key,
        user_id uuid not null,
        name text not null,
        kind text not null check (kind in ('INCOME', 'EXPENSE')),
        parent_id uuid references categories (id),
        color text,
        icon text,
        archived boolean not null default false,
        -- Set on the defaults created at registration, so a replay creates nothing twice.
        default_key text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create unique index categories_name
        on categories (user_id, kind, parent_id, lower(name)) nulls not distinct`);
    this.addSql(`
      create unique index categories_default
        on categories (user_id, default_key) where default_key is not null`);
    this.addSql(
      'create index categories_parent on categories (parent_id) where parent_id is not null',
    );
    // class: ASSET/LIABILITY are the user's accounts; INCOME/EXPENSE (one per category and
    // currency, plus an uncategorised one) and EQUITY (currency exchange) are nominal.
    this.addSql(`
      create table accounts (
        id uuid primary key,
        user_id uuid not null,
        class text not null check (class in ('ASSET', 'LIABILITY', 'INCOME', 'EXPENSE', 'EQUITY')),
        type text check (type in (${ACCOUNT_TYPES})),
        name text not null,
        currency char(3) not null,
        balance bigint not null default 0,
        initial_balance bigint not null default 0,
        allow_negative boolean not null default true,
        archived boolean not null default false,
        color text,
        icon text,
        category_id uuid references categories (id),
        external_id text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        -- The database itself refuses an overdraft, atomically with the update that causes it.
        constraint accounts_overdraft check (allow_negative or balance >= 0),
        constraint accounts_real_type check ((class in ('ASSET', 'LIABILITY')) = (type is not null))
      )`);
    this.addSql('create index accounts_user on accounts (user_id, created_at, id)');
    this.addSql(`
      create unique index accounts_nominal on accounts (user_id, class, currency, category_id)
        nulls not distinct where class in ('INCOME', 'EXPENSE', 'EQUITY')`);
    this.addSql(`
      create unique index accounts_external on accounts (user_id, external_id)
        where external_id is not null`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table accounts');
    this.addSql('drop table categories');
  }
}
