import { Migration } from '@mikro-orm/migrations';

const CHANNELS = `'IN_APP','EMAIL','PUSH','WEBHOOK','WHATSAPP'`;
const STATUSES = `'QUEUED','SENT','FAILED','SKIPPED'`;

/** Profiles learnt from identity, preferences, the inbox, deliveries, endpoints, push keys. */
export class NotificationsSchema extends Migration {
  override async up(): Promise<void> {
    this.createUsers();
    this.createInbox();
    this.createChannels();
    this.createWatches();
  }

  private createUsers(): void {
    // Learnt from identity's events: where and how to write to the user.
    this.addSql(`
      create table user_profiles (
        user_id uuid primary key,
        email text not null,
        name text not null,
        locale text not null,
        time_zone text not null,
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table notification_preferences (
        user_id uuid primary key,
        channels jsonb not null default '{}',
        quiet_start char(5),
        quiet_end char(5),
        daily_summary boolean not null default false,
        low_balance_threshold text,
        whatsapp_number text,
        whatsapp_confirmed_at timestamptz,
        whatsapp_last_inbound_at timestamptz,
        updated_at timestamptz not null default now(),
        constraint quiet_hours_both check ((quiet_start is null) = (quiet_end is null))
      )`);
  }

  private createInbox(): void {
    this.addSql(`
      create table notifications (
        id uuid primary key,
        user_id uuid not null,
        type text not null,
        title text not null,
        body text not null,
        data jsonb not null default '{}',
        -- One notification per source (event, budget and month, bill and day) and user.
        dedup_key text not null,
        read_at timestamptz,
        created_at timestamptz not null default now(),
        unique (user_id, dedup_key)
      )`);
    this.addSql(
      'create index notifications_inbox on notifications (user_id, created_at desc, id desc)',
    );
    this.addSql(
      'create index notifications_unread on notifications (user_id) where read_at is null',
    );
    // One row per channel (per endpoint / push subscription) of a notification, or a mail
    // to someone who is no user (notification_id null). `payload` is the rendered message,
    // cleared once sent for good (it may hold a reset link).
    this.addSql(`
      create table deliveries (
        id uuid primary key,
        user_id uuid,
        notification_id uuid references notifications (id) on delete cascade,
        type text not null,
        channel text not null check (channel in (${CHANNELS})),
        target text,
        status text not null check (status in (${STATUSES})),
        attempts int not null default 0,
        last_error text,
        status_code int,
        latency_ms int,
        payload jsonb,
        next_attempt_at timestamptz not null default now(),
        lease_until timestamptz,
        sent_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    this.addSql(
      `create index deliveries_due on deliveries (next_attempt_at) where status = 'QUEUED'`,
    );
    this.addSql('create index deliveries_notification on deliveries (notification_id)');
    this.addSql('create index deliveries_user on deliveries (user_id)');
    this.addSql(
      `create index deliveries_endpoint on deliveries (target, created_at desc, id desc) where channel = 'WEBHOOK'`,
    );
  }

  private createChannels(): void {
    this.addSql(`
      create table webhook_endpoints (
        id uuid primary key,
        user_id uuid not null,
        url text not null,
        description text,
        types text[] not null default '{}',
        -- AES-256-GCM under NOTIFICATIONS_SECRET_KEY: it must be readable to sign.
        secret_enc text not null,
        enabled boolean not null default true,
        consecutive_failures int not null default 0,
        disabled_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql('create index webhook_endpoints_user on webhook_endpoints (user_id, created_at)');
    this.addSql(`
      create table push_subscriptions (
        id uuid primary key,
        user_id uuid not null,
        endpoint text not null unique,
        p256dh text not null,
        auth text not null,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index push_subscriptions_user on push_subscriptions (user_id)');
    this.addSql(`
      create table vapid_keys (
        id smallint primary key check (id = 1),
        public_key text not null,
        private_key_enc text not null,
        created_at timestamptz not null default now()
      )`);
  }

  private createWatches(): void {
    // Ledger accounts (for LOW_BALANCE: asset accounts only, by name).
    this.addSql(`
      create table accounts (
        id uuid primary key,
        user_id uuid not null,
        name text not null,
        type text not null,
        currency char(3) not null,
        -- The latest ledger.balance.changed (minor units), for the daily summary.
        balance bigint
      )`);
    this.addSql('create index accounts_user on accounts (user_id)');
    // Card names from cards' events, for invoice notices.
    this.addSql(`
      create table cards (
        id uuid primary key,
        user_id uuid not null,
        name text not null,
        version int not null
      )`);
    this.addSql('create index cards_user on cards (user_id)');
    // An account under the user's threshold: alerted once until it recovers.
    this.addSql(`
      create table low_balance_alerts (
        account_id uuid primary key,
        user_id uuid not null,
        since timestamptz not null default now()
      )`);
    // PENDING ledger entries with a due date: BILL_DUE_SOON 3 days before and on the day.
    this.addSql(`
      create table bills (
        entry_id uuid primary key,
        user_id uuid not null,
        description text not null,
        amount bigint not null,
        currency char(3) not null,
        due_date date not null,
        version int not null
      )`);
    this.addSql('create index bills_due on bills (due_date)');
  }
}
