import { Migration } from '@mikro-orm/migrations';

/**
 * Charge files uploaded through the router (`POST /uploads?purpose=billing`): a header and
 * the bytes in parts of 1 MiB (the kit's file store), owned by the uploader, removed after
 * their time to live (30 days) or with their batch.
 */
export class BillingFiles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table billing_files (
        id uuid primary key,
        user_id uuid not null,
        filename text not null,
        content_type text,
        size bigint not null,
        sha256 char(64) not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null
      )`);
    this.addSql('create index billing_files_user on billing_files (user_id, created_at)');
    this.addSql('create index billing_files_expiry on billing_files (expires_at)');
    this.addSql(`
      create table billing_file_chunks (
        file_id uuid not null references billing_files (id) on delete cascade,
        seq int not null,
        data bytea not null,
        primary key (file_id, seq)
      )`);
  }
}
