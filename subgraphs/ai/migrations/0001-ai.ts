import { Migration } from '@mikro-orm/migrations';

/** The read model of the ledger's entries the classifier learns from, and category rules. */
export class AiSchema extends Migration {
  override async up(): Promise<void> {
    // Learnt from ledger.entry.* events: the highest version seen of each entry (deleted
    // entries stay, marked, so an older version arriving late cannot bring them back).
    this.addSql(`
      create table entries (
        id uuid primary key,
        user_id uuid not null,
        version int not null,
        kind text not null,
        description text not null,
        amount bigint not null,
        currency char(3) not null,
        account_id uuid not null,
        category_id uuid,
        deleted boolean not null default false,
        updated_at timestamptz not null
      )`);
    this.addSql('create index entries_user on entries (user_id)');
    this.addSql(`
      create table category_rules (
        id uuid primary key,
        user_id uuid not null,
        category_id uuid not null,
        conditions jsonb not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql('create index category_rules_user on category_rules (user_id, created_at, id)');
  }
}
