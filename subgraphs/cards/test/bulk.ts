import type { TestCards } from './helpers';

/**
 * `count` cards for a user straight in SQL (GraphQL would take a mutation per card), as
 * buying on 2026-03-05 leaves them: the March, April and May invoices (OPEN), and three
 * purchases (Mercado 300.00 in 3 installments on 03-01, Farmácia 50.00 on 03-03, Padaria
 * 20.00 on 03-04) with their installments. Creation times share milliseconds and differ
 * by microseconds (ties too), so paging by time must be exact.
 */
export async function seedCards(t: TestCards, userId: string, count: number): Promise<void> {
  await t.query(
    `insert into cards (id, user_id, name, brand, last4, currency, limit_amount, closing_day,
       due_day, liability_account_id, created_at, updated_at)
     select gen_random_uuid(), ?::uuid, 'Card ' || n, 'VISA', lpad(n::text, 4, '0'), 'BRL',
            500000, 10, 20, gen_random_uuid(),
            '2026-03-01T12:00:00.123Z'::timestamptz + (n % 7) * interval '1 microsecond', now()
       from generate_series(1, ?::int) n`,
    [userId, count],
  );
  await t.query(
    `insert into invoices (id, user_id, card_id, month, closing_date, due_date, status)
     select gen_random_uuid(), c.user_id, c.id, m.month, (m.month || '-10')::date,
            (m.month || '-20')::date, 'OPEN'
       from cards c cross join (values ('2026-03'), ('2026-04'), ('2026-05')) m(month)
      where c.user_id = ?::uuid`,
    [userId],
  );
  await t.query(
    `insert into purchases (id, user_id, card_id, description, total_amount, purchase_date,
       installment_count, request_hash)
     select gen_random_uuid(), c.user_id, c.id, p.description, p.total, p.day::date, p.n, 'seed'
       from cards c cross join (values ('Mercado', 30000, '2026-03-01', 3),
              ('Farmácia', 5000, '2026-03-03', 1), ('Padaria', 2000, '2026-03-04', 1))
              p(description, total, day, n)
      where c.user_id = ?::uuid`,
    [userId],
  );
  await t.query(
    `insert into installments (id, user_id, purchase_id, card_id, invoice_id, number, amount,
       booking_date)
     select gen_random_uuid(), p.user_id, p.id, p.card_id, i.id, k.n,
            p.total_amount / p.installment_count,
            (p.purchase_date + (k.n - 1) * interval '1 month')::date
       from purchases p cross join generate_series(1, 3) k(n)
       join invoices i on i.card_id = p.card_id
        and i.month = to_char(p.purchase_date + (k.n - 1) * interval '1 month', 'YYYY-MM')
      where k.n <= p.installment_count and p.user_id = ?::uuid`,
    [userId],
  );
}
