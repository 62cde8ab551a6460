import { Migration } from '@mikro-orm/migrations';
import { projectionTables } from './projection-tables';

export class ConsolidationTables extends Migration {
  override async up(): Promise<void> {
    // Which generation of the projection serves reads and takes new events.
    this.addSql(`
      create table projection_state (
        singleton boolean primary key default true check (singleton),
        active_schema text not null,
        switched_at timestamptz not null default now()
      )`);
    for (const statement of projectionTables('proj_1')) this.addSql(statement);
    this.addSql(`insert into projection_state (active_schema) values ('proj_1')`);
    // Time zones (identity events; default until known). Not rebuilt: not in the LEDGER stream.
    this.addSql(`
      create table users (
        id uuid primary key,
        time_zone text not null,
        last_event_id uuid
      )`);
    this.addSql('create index users_time_zone on users (time_zone)');
    // Ids only: late events of an erased user must not bring its data back.
    this.addSql(`
      create table erased_users (
        user_id uuid primary key,
        erased_at timestamptz not null
      )`);
    this.addSql(`
      create table days (
        user_id uuid not null,
        day date not null,
        status text not null check (status in ('OPEN', 'CLOSED', 'REOPENED')),
        closed_at timestamptz,
        reopened_at timestamptz,
        close_count int not null default 0,
        reopen_count int not null default 0,
        entry_count int not null default 0,
        totals jsonb not null default '[]',
        primary key (user_id, day)
      )`);
    this.addSql(`create index days_unclosed on days (day, user_id) where status <> 'CLOSED'`);
    this.addSql(`
      create table day_history (
        id bigserial primary key,
        user_id uuid not null,
        day date not null,
        action text not null check (action in ('CLOSED', 'REOPENED')),
        at timestamptz not null,
        entry_count int,
        totals jsonb
      )`);
    this.addSql('create index day_history_user_day on day_history (user_id, day, id)');
    this.addSql(`
      create table rebuilds (
        id uuid primary key,
        status text not null check (status in ('RUNNING', 'DONE', 'FAILED')),
        target_schema text not null,
        requested_by text not null,
        started_at timestamptz not null,
        finished_at timestamptz,
        events bigint not null default 0,
        skipped bigint not null default 0,
        last_seq bigint not null default 0,
        error text
      )`);
  }
}
