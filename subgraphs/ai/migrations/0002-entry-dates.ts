import { Migration } from '@mikro-orm/migrations';

/**
 * What the insights and the balance forecast read: each entry's value date, status, source,
 * transfer target and postings; the ledger's accounts (initial balance, type) and the cards'
 * invoices (what is due when). Entries seen before this migration keep a null date until the
 * ledger publishes them again (any edit does); the detectors skip them.
 */
export class AiEntryDates extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table entries add column date date');
    this.addSql(`alter table entries add column status text not null default 'POSTED'`);
    this.addSql(`alter table entries add column source text not null default 'MANUAL'`);
    this.addSql('alter table entries add column to_account_id uuid');
    // [{ "accountId": uuid, "amount": minor units, signed }]: empty while PENDING or deleted.
    this.addSql(`alter table entries add column postings jsonb not null default '[]'`);
    this.addSql('create index entries_user_date on entries (user_id, date)');
    // From ledger.account.created|updated; `seen_at` (the event's time) orders updates.
    this.addSql(`
      create table accounts (
        id uuid primary key,
        user_id uuid not null,
        name text not null,
        type text not null,
        currency char(3) not null,
        initial_balance bigint not null,
        archived boolean not null,
        seen_at timestamptz not null
      )`);
    this.addSql('create index accounts_user on accounts (user_id)');
    // From cards.invoice.*: what is left to pay on each invoice and when it is due.
    this.addSql(`
      create table card_invoices (
        id uuid primary key,
        user_id uuid not null,
        card_id uuid not null,
        month char(7) not null,
        status text not null,
        due_date date not null,
        total bigint not null,
        paid bigint not null,
        currency char(3) not null,
        seen_at timestamptz not null
      )`);
    this.addSql('create index card_invoices_user_due on card_invoices (user_id, due_date)');
  }
}
