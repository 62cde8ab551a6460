import { Migration } from '@mikro-orm/migrations';

/**
 * The user's categories (from `ledger.category.*`: the built-in merchants map to the
 * defaults by key for a user with no history yet) and each user's ai settings.
 */
export class AiCategoriesSettings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table categories (
        id uuid primary key,
        user_id uuid not null,
        name text not null,
        kind text not null,
        default_key text,
        archived boolean not null,
        seen_at timestamptz not null
      )`);
    this.addSql('create index categories_user on categories (user_id)');
    this.addSql(`
      create table ai_settings (
        user_id uuid primary key,
        auto_categorise boolean not null default true,
        updated_at timestamptz not null default now()
      )`);
  }
}
