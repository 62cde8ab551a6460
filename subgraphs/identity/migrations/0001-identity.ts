import { Migration } from '@mikro-orm/migrations';

export class IdentityTables extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table users (
        id uuid primary key,
        email text not null unique,
        name text not null,
        password_hash text not null,
        time_zone text not null,
        locale text not null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      )`);
    // Every row a user owns goes with the user (right to erasure): on delete cascade.
    this.addSql(`
      create table refresh_tokens (
        id uuid primary key,
        family_id uuid not null,
        user_id uuid not null references users (id) on delete cascade,
        token_hash text not null unique,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    this.addSql('create index refresh_tokens_family on refresh_tokens (family_id)');
    this.addSql('create index refresh_tokens_user on refresh_tokens (user_id)');
    this.addSql(`
      create table api_keys (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        name text not null,
        prefix text not null unique,
        secret_hash text not null,
        scopes text[] not null,
        created_at timestamptz not null,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    this.addSql('create index api_keys_user on api_keys (user_id, id)');
    this.addSql(`
      create table password_reset_tokens (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        token_hash text not null unique,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz
      )`);
    this.addSql('create index password_reset_tokens_user on password_reset_tokens (user_id)');
    this.addSql(`
      create table signing_keys (
        kid text primary key,
        algorithm text not null,
        public_jwk jsonb not null,
        private_key text not null,
        encryption text not null,
        created_at timestamptz not null,
        activates_at timestamptz not null,
        retired_at timestamptz,
        publish_until timestamptz
      )`);
    this.addSql('create index signing_keys_activates_at on signing_keys (activates_at)');
    // Failed sign-in attempts per key (`email:<sha256>` or `ip:<address>`), shared by replicas.
    this.addSql(`
      create table login_throttle (
        key text primary key,
        failures int not null default 0,
        last_failure_at timestamptz,
        locked_until timestamptz
      )`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'login_throttle',
      'signing_keys',
      'password_reset_tokens',
      'api_keys',
      'refresh_tokens',
      'users',
    ]) {
      this.addSql(`drop table ${table}`);
    }
  }
}
