import { Migration } from '@mikro-orm/migrations';

const INVOICE_STATUSES = `'OPEN','CLOSED','PAID','PARTIALLY_PAID','OVERDUE'`;

/** Cards, invoices, purchases and their installments, invoice adjustments, payments. */
export class CardsSchema extends Migration {
  override async up(): Promise<void> {
    this.createCards();
    this.createInvoices();
    this.createPurchases();
    this.createAdjustmentsAndPayments();
  }

  private createCards(): void {
    // Learnt from identity's events; the scheduler closes invoices in the user's time zone.
    this.addSql(`
      create table user_time_zones (
        user_id uuid primary key,
        time_zone text not null,
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table cards (
        id uuid primary key,
        user_id uuid not null,
        name text not null,
        brand text not null,
        last4 char(4),
        currency char(3) not null,
        limit_amount bigint not null check (limit_amount >= 0),
        closing_day smallint not null check (closing_day between 1 and 31),
        due_day smallint not null check (due_day between 1 and 31),
        payment_account_id uuid,
        -- The ledger's CREDIT_CARD account, created from cards.card.created with this id.
        liability_account_id uuid not null unique,
        archived boolean not null default false,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql('create index cards_user on cards (user_id, created_at, id)');
  }

  private createInvoices(): void {
    this.addSql(`
      create table invoices (
        id uuid primary key,
        user_id uuid not null,
        card_id uuid not null references cards (id),
        month char(7) not null,
        closing_date date not null,
        due_date date not null,
        dates_adjusted boolean not null default false,
        status text not null check (status in (${INVOICE_STATUSES})),
        closed_at timestamptz,
        due_soon_sent_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (card_id, month),
        constraint invoices_due_after_closing check (due_date > closing_date)
      )`);
    this.addSql('create index invoices_user on invoices (user_id, month desc, id)');
    this.addSql('create index invoices_card on invoices (card_id, month desc, id)');
    // The scheduler's work lists.
    this.addSql(`create index invoices_to_close on invoices (closing_date) where status = 'OPEN'`);
    this.addSql(`
      create index invoices_unpaid on invoices (due_date)
        where status in ('CLOSED', 'PARTIALLY_PAID')`);
  }

  private createPurchases(): void {
    this.addSql(`
      create table purchases (
        id uuid primary key,
        user_id uuid not null,
        card_id uuid not null references cards (id),
        description text not null,
        merchant text,
        category_id uuid,
        total_amount bigint not null check (total_amount > 0),
        purchase_date date not null,
        installment_count smallint not null check (installment_count between 1 and 48),
        idempotency_key text,
        request_hash text not null,
        version int not null default 1,
        deleted_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create unique index purchases_idempotency on purchases (user_id, idempotency_key)
        where idempotency_key is not null`);
    this.addSql(`
      create index purchases_card on purchases (card_id, purchase_date desc, id)
        where deleted_at is null`);
    // Cancelled rows stay (a changed or deleted purchase's old installments): history.
    this.addSql(`
      create table installments (
        id uuid primary key,
        user_id uuid not null,
        purchase_id uuid not null references purchases (id),
        card_id uuid not null references cards (id),
        invoice_id uuid not null references invoices (id),
        number smallint not null check (number >= 1),
        amount bigint not null check (amount > 0),
        booking_date date not null,
        cancelled_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index installments_purchase on installments (purchase_id, number)');
    this.addSql(
      'create index installments_invoice on installments (invoice_id) where cancelled_at is null',
    );
    this.addSql(
      'create index installments_card on installments (card_id) where cancelled_at is null',
    );
  }

  private createAdjustmentsAndPayments(): void {
    // Signed like the invoice: a refund or carried-in credit is negative, credit carried out positive.
    this.addSql(`
      create table invoice_adjustments (
        id uuid primary key,
        user_id uuid not null,
        card_id uuid not null references cards (id),
        invoice_id uuid not null references invoices (id),
        kind text not null check (kind in ('REFUND', 'CREDIT_IN', 'CREDIT_OUT')),
        amount bigint not null check (amount <> 0),
        purchase_id uuid references purchases (id),
        related_invoice_id uuid references invoices (id),
        date date not null,
        description text not null,
        idempotency_key text,
        request_hash text,
        created_at timestamptz not null default now(),
        constraint adjustments_sign check ((kind = 'CREDIT_OUT') = (amount > 0))
      )`);
    this.addSql('create index adjustments_invoice on invoice_adjustments (invoice_id)');
    this.addSql('create index adjustments_card on invoice_adjustments (card_id)');
    this.addSql(`
      create index adjustments_purchase on invoice_adjustments (purchase_id)
        where purchase_id is not null`);
    this.addSql(`
      create unique index adjustments_idempotency on invoice_adjustments (user_id, idempotency_key)
        where idempotency_key is not null`);
    this.addSql(`
      create table payments (
        id uuid primary key,
        user_id uuid not null,
        card_id uuid not null references cards (id),
        invoice_id uuid not null references invoices (id),
        from_account_id uuid not null,
        amount bigint not null check (amount > 0),
        date date not null,
        status text not null check (status in ('PENDING', 'CONFIRMED', 'FAILED')),
        failure_code text,
        failure_reason text,
        ledger_entry_id uuid,
        idempotency_key text,
        request_hash text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql('create index payments_invoice on payments (invoice_id, created_at)');
    this.addSql(`create index payments_card on payments (card_id) where status <> 'FAILED'`);
    this.addSql(`
      create unique index payments_idempotency on payments (user_id, idempotency_key)
        where idempotency_key is not null`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'payments',
      'invoice_adjustments',
      'installments',
      'purchases',
      'invoices',
      'cards',
      'user_time_zones',
    ]) {
      this.addSql(`drop table ${table}`);
    }
  }
}
