import { Migration } from '@mikro-orm/migrations';

export class KitOutboxInbox extends Migration {
  override async up(): Promise<void> {
    // Events written in the same transaction as the change they describe.
    this.addSql(`
      create table kit_outbox (
        seq bigserial primary key,
        id uuid not null unique,
        subject text not null,
        user_id uuid,
        envelope text not null,
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        attempts int not null default 0,
        last_error text
      )`);
    this.addSql('create index kit_outbox_unsent on kit_outbox (seq) where sent_at is null');
    this.addSql(
      'create index kit_outbox_sent_at on kit_outbox (sent_at) where sent_at is not null',
    );
    // One NOTIFY per inserting statement wakes the relay at commit time.
    this.addSql(`
      create function kit_outbox_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify('kit_outbox', '');
        return null;
      end $$`);
    this.addSql(`
      create trigger kit_outbox_notify after insert on kit_outbox
      for each statement execute function kit_outbox_notify()`);
    // Events a consumer has applied, recorded in the same transaction as the effect.
    this.addSql(`
      create table kit_inbox (
        consumer text not null,
        event_id uuid not null,
        subject text not null,
        processed_at timestamptz not null default now(),
        primary key (consumer, event_id)
      )`);
    this.addSql('create index kit_inbox_processed_at on kit_inbox (processed_at)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table kit_inbox');
    this.addSql('drop trigger kit_outbox_notify on kit_outbox');
    this.addSql('drop function kit_outbox_notify');
    this.addSql('drop table kit_outbox');
  }
}
