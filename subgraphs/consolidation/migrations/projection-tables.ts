/**
 * The projection's tables, created in one PostgreSQL schema per generation
 * (`proj_1`, `proj_2`, ...). The first generation is made by migration 0001;
 * a rebuild makes the next one from this same DDL and switches the pointer in
 * `projection_state`. A change here reaches existing data through a rebuild.
 */
export function projectionTables(schema: string): string[] {
  if (!/^proj_\d+$/.test(schema)) throw new Error(`Not a projection schema: ${schema}`);
  return [
    `create schema ${schema}`,
    // Accounts seen in account events, or only in postings (last_event_id null) so far.
    `create table ${schema}.accounts (
      id uuid primary key,
      user_id uuid not null,
      currency text not null,
      initial_balance bigint not null default 0,
      last_event_id uuid
    )`,
    `create index accounts_user on ${schema}.accounts (user_id)`,
    // The latest version applied of each entry: what a newer version is diffed against.
    // Keyed by user first: one index serves both the lookup by id and the erasure.
    `create table ${schema}.entries (
      user_id uuid not null,
      id uuid not null,
      version int not null,
      day date not null,
      count_currency text,
      account_ids uuid[] not null,
      amounts bigint[] not null,
      currencies text[] not null,
      primary key (user_id, id)
    )`,
    // Per account and day: movements only; opening and closing are running sums at read time.
    `create table ${schema}.account_days (
      account_id uuid not null,
      day date not null,
      credits bigint not null default 0,
      debits bigint not null default 0,
      entry_count int not null default 0,
      pending_emit boolean not null default false,
      primary key (account_id, day)
    ) with (fillfactor = 70)`,
    `create index account_days_pending on ${schema}.account_days (account_id, day) where pending_emit`,
    // Per user, day and currency, each entry netted across the user's accounts first.
    `create table ${schema}.user_days (
      user_id uuid not null,
      day date not null,
      currency text not null,
      credits bigint not null default 0,
      debits bigint not null default 0,
      entry_count int not null default 0,
      primary key (user_id, day, currency)
    ) with (fillfactor = 70)`,
  ];
}
