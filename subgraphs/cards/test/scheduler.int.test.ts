import { publishAs, publishedEvents, waitFor } from '@saldo/kit/testing';
import { startCardsForTest, type Api, type TestCards } from './helpers';

const profile = (userId: string, timeZone: string) => ({
  userId,
  email: `${userId}@example.com`,
  name: 'Ana',
  timeZone,
  locale: 'pt-BR',
});

describe('the invoice scheduler', () => {
  let t: TestCards;

  beforeAll(async () => {
    t = await startCardsForTest('cards_scheduler', '2026-03-05T15:00:00Z', { DUE_SOON_DAYS: 3 });
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function inZone(timeZone: string): Promise<Api> {
    const api = t.as(undefined, timeZone);
    await publishAs(t.cards, 'identity.user.registered', api.userId, profile(api.userId, timeZone));
    await waitFor(async () => {
      const rows = await t.query('select 1 from user_time_zones where user_id = ?', [api.userId]);
      return rows.length === 1;
    });
    return api;
  }

  const statuses = async (api: Api, cardId: string) =>
    (await api.invoices(cardId)).map((i) => [i.month, i.status]);

  it("closes invoices on their closing date in the user's time zone, and opens the next", async () => {
    const tokyo = await inZone('Asia/Tokyo');
    const saoPaulo = t.as(); // no event: the default zone, America/Sao_Paulo
    const tokyoCard = await tokyo.card();
    const spCard = await saoPaulo.card();
    await tokyo.purchase({ cardId: tokyoCard.id, totalAmount: '10.00' });

    // 2026-03-09 16:00 UTC: already the 10th in Tokyo, still the 9th in São Paulo.
    await t.cards.services.scheduler.runOnce(new Date('2026-03-09T16:00:00Z'));
    expect(await statuses(tokyo, tokyoCard.id)).toEqual([
      ['2026-03', 'CLOSED'],
      ['2026-04', 'OPEN'],
    ]);
    expect(await statuses(saoPaulo, spCard.id)).toEqual([['2026-03', 'OPEN']]);

    await t.cards.services.scheduler.runOnce(new Date('2026-03-10T03:30:00Z'));
    // An empty invoice is paid the moment it closes.
    expect(await statuses(saoPaulo, spCard.id)).toEqual([
      ['2026-03', 'PAID'],
      ['2026-04', 'OPEN'],
    ]);
    const closed = (await publishedEvents(t.cards, { type: 'cards.invoice.closed' })).filter(
      (e) => e.data.cardId === tokyoCard.id,
    );
    expect(closed.map((e) => [e.data.month, e.data.status, e.data.total.amount])).toEqual([
      ['2026-03', 'CLOSED', '10.00'],
    ]);
    const current = await tokyo.ok<{ card: { currentInvoice: { month: string } } }>(
      'query($id: ID!) { card(id: $id) { currentInvoice { month } } }',
      { id: tokyoCard.id },
    );
    expect(current.card.currentInvoice.month).toBe('2026-04');
  });

  it('sends due_soon once, DUE_SOON_DAYS before the due date, then marks the invoice overdue', async () => {
    const ana = t.as();
    const card = await ana.card(); // closes on the 10th, due on the 20th
    await ana.purchase({ cardId: card.id, totalAmount: '80.00' });
    const run = (at: string) => t.cards.services.scheduler.runOnce(new Date(at));
    await run('2026-03-10T12:00:00Z');
    const dueSoon = async () =>
      (await publishedEvents(t.cards, { type: 'cards.invoice.due_soon' })).filter(
        (e) => e.data.cardId === card.id,
      );
    await run('2026-03-16T12:00:00Z');
    expect(await dueSoon()).toHaveLength(0);
    await run('2026-03-17T12:00:00Z');
    await run('2026-03-18T12:00:00Z');
    const sent = await dueSoon();
    expect(sent.map((e) => [e.data.month, e.data.daysLeft, e.data.total.amount])).toEqual([
      ['2026-03', 3, '80.00'],
    ]);
    await run('2026-03-20T23:00:00Z'); // the 20th in São Paulo: still due today
    expect((await statuses(ana, card.id))[0]).toEqual(['2026-03', 'CLOSED']);
    const moved = await run('2026-03-21T03:30:00Z');
    expect(moved.overdue).toBeGreaterThanOrEqual(1);
    expect((await statuses(ana, card.id))[0]).toEqual(['2026-03', 'OVERDUE']);
    expect(await dueSoon()).toHaveLength(1);
  });

  it("carries a closed invoice's credit (refunds beyond its charges) to the next invoice", async () => {
    const ana = t.as();
    const card = await ana.card();
    const purchase = await ana.purchase({
      cardId: card.id,
      totalAmount: '100.00',
      installmentCount: 2,
    });
    await ana.ok('mutation($id: ID!) { refundPurchase(id: $id, amount: "80.00") { id } }', {
      id: purchase.id,
    });
    expect((await ana.invoices(card.id)).map((i) => i.total.amount)).toEqual(['-30.00', '50.00']);
    await t.cards.services.scheduler.runOnce(new Date('2026-03-10T12:00:00Z'));
    const [march, april] = await ana.invoices(card.id);
    expect([march?.status, march?.total.amount, march?.remaining.amount]).toEqual([
      'PAID',
      '0.00',
      '0.00',
    ]);
    expect([april?.status, april?.total.amount]).toEqual(['OPEN', '20.00']);
    const items = await ana.ok<{
      invoice: { items: { kind: string; amount: { amount: string } }[] };
    }>('query($id: ID!) { invoice(id: $id) { items { kind amount { amount } } } }', {
      id: april!.id,
    });
    expect(items.invoice.items.map((i) => [i.kind, i.amount.amount])).toEqual([
      ['INSTALLMENT', '50.00'],
      ['CREDIT_IN', '-30.00'],
    ]);
    expect(await ana.available(card.id)).toBe('980.00');
  });

  it('erases a deleted user', async () => {
    const ana = t.as();
    await ana.card();
    await publishAs(t.cards, 'identity.user.deleted', ana.userId, { userId: ana.userId });
    await waitFor(async () => {
      const rows = await t.query('select 1 from cards where user_id = ?', [ana.userId]);
      return rows.length === 0;
    });
    const left = await t.query<{ n: string }>(
      `select (select count(*) from invoices where user_id = ?) + (select count(*) from purchases where user_id = ?) as n`,
      [ana.userId, ana.userId],
    );
    expect(left[0]?.n).toBe('0');
  });
});
