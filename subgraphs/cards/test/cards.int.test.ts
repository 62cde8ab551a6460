import { errorCode, publishedEvents } from '@saldo/kit/testing';
import { startCardsForTest, type TestCards } from './helpers';

describe('cards, purchases and the available limit', () => {
  let t: TestCards;

  beforeAll(async () => {
    // 2026-03-05 in São Paulo: with closing day 10 the current invoice is March's.
    t = await startCardsForTest('cards_limits');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('creates a card with its current invoice and its ledger account id, announced by event', async () => {
    const ana = t.as();
    const card = await ana.card({ last4: '1234', brand: 'VISA' });
    expect(card.availableLimit.amount).toBe('1000.00');
    const data = await ana.ok<{
      card: {
        currentInvoice: { month: string; closingDate: string; dueDate: string; status: string };
      };
    }>(
      'query($id: ID!) { card(id: $id) { currentInvoice { month closingDate dueDate status } } }',
      { id: card.id },
    );
    expect(data.card.currentInvoice).toEqual({
      month: '2026-03',
      closingDate: '2026-03-10',
      dueDate: '2026-03-20',
      status: 'OPEN',
    });
    const created = (await publishedEvents(t.cards, { type: 'cards.card.created' })).find(
      (e) => e.data.card.id === card.id,
    );
    expect(created?.data.card).toMatchObject({
      liabilityAccountId: card.liabilityAccount.id,
      currency: 'BRL',
      limit: { amount: '1000.00', currency: 'BRL' },
      version: 1,
    });
  });

  it('splits R$ 100.00 in 3 into 33.34 + 33.33 + 33.33 on consecutive invoices', async () => {
    const ana = t.as();
    const card = await ana.card();
    const purchase = await ana.purchase({
      cardId: card.id,
      totalAmount: '100',
      installmentCount: 3,
    });
    expect(purchase.installments.map((i) => [i.number, i.amount.amount, i.month, i.date])).toEqual([
      [1, '33.34', '2026-03', '2026-03-05'],
      [2, '33.33', '2026-04', '2026-04-05'],
      [3, '33.33', '2026-05', '2026-05-05'],
    ]);
    expect((await ana.invoices(card.id)).map((i) => [i.month, i.total.amount])).toEqual([
      ['2026-03', '33.34'],
      ['2026-04', '33.33'],
      ['2026-05', '33.33'],
    ]);
    // Future installments use the limit too.
    expect(await ana.available(card.id)).toBe('900.00');
    const [created] = (await publishedEvents(t.cards, { type: 'cards.purchase.created' })).filter(
      (e) => e.data.purchase.id === purchase.id,
    );
    expect(created?.data.purchase.installments.map((i) => i.netAmount.amount)).toEqual([
      '33.34',
      '33.33',
      '33.33',
    ]);
  });

  it('refuses a purchase beyond the available limit with LIMIT_EXCEEDED', async () => {
    const ana = t.as();
    const card = await ana.card();
    const over = await ana.createPurchase({ cardId: card.id, totalAmount: '1000.01' });
    expect(errorCode(over)).toBe('LIMIT_EXCEEDED');
    expect(over.errors?.[0]?.extensions).toMatchObject({ available: '1000.00', currency: 'BRL' });
    await ana.purchase({ cardId: card.id, totalAmount: '999.99', installmentCount: 10 });
    expect(errorCode(await ana.createPurchase({ cardId: card.id, totalAmount: '0.02' }))).toBe(
      'LIMIT_EXCEEDED',
    );
    await ana.purchase({ cardId: card.id, totalAmount: '0.01' });
    expect(await ana.available(card.id)).toBe('0.00');
  });

  it('lets racing purchases through only while they fit in the limit together', async () => {
    const ana = t.as();
    const card = await ana.card({ limit: '100.00' });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        ana.createPurchase({ cardId: card.id, totalAmount: '30.00' }),
      ),
    );
    expect(results.filter((r) => r.data).length).toBe(3);
    expect(results.filter((r) => errorCode(r) === 'LIMIT_EXCEEDED').length).toBe(5);
    expect(await ana.available(card.id)).toBe('10.00');
  });

  it('replays a purchase with the same idempotency key and input; another input is CONFLICT', async () => {
    const ana = t.as();
    const card = await ana.card();
    const input = { cardId: card.id, totalAmount: '10.00', idempotencyKey: 'k-1' };
    const concurrent = await Promise.all([ana.purchase(input), ana.purchase(input)]);
    const again = await ana.purchase({ ...input, totalAmount: '10' });
    expect(new Set([...concurrent, again].map((p) => p.id)).size).toBe(1);
    const other = await ana.createPurchase({ ...input, totalAmount: '11.00' });
    expect(errorCode(other)).toBe('CONFLICT');
    expect(other.errors?.[0]?.extensions?.['field']).toBe('idempotencyKey');
    expect(await ana.available(card.id)).toBe('990.00');
  });

  it('credits a refund on the open invoice and gives the limit back', async () => {
    const ana = t.as();
    const card = await ana.card();
    const purchase = await ana.purchase({
      cardId: card.id,
      totalAmount: '300.00',
      installmentCount: 3,
    });
    const refund = `mutation($id: ID!, $amount: Decimal!) { refundPurchase(id: $id, amount: $amount, idempotencyKey: "r1") {
      refundedAmount { amount } refunds { amount { amount } invoice { month } } } }`;
    const data = await ana.ok<{
      refundPurchase: { refundedAmount: { amount: string }; refunds: unknown[] };
    }>(refund, { id: purchase.id, amount: '50.00' });
    expect(data.refundPurchase).toEqual({
      refundedAmount: { amount: '50.00' },
      refunds: [{ amount: { amount: '50.00' }, invoice: { month: '2026-03' } }],
    });
    await ana.ok(refund, { id: purchase.id, amount: '50' }); // replayed
    expect((await ana.invoices(card.id)).map((i) => i.total.amount)).toEqual([
      '50.00',
      '100.00',
      '100.00',
    ]);
    expect(await ana.available(card.id)).toBe('750.00');
    const tooMuch = await ana.request(
      'mutation($id: ID!) { refundPurchase(id: $id, amount: "250.01") { id } }',
      { id: purchase.id },
    );
    expect(errorCode(tooMuch)).toBe('BAD_USER_INPUT');
    const [event] = (await publishedEvents(t.cards, { type: 'cards.purchase.refunded' })).filter(
      (e) => e.data.purchase.id === purchase.id,
    );
    // The ledger books the purchase net of refunds, last installments first.
    expect(event?.data.purchase.installments.map((i) => i.netAmount.amount)).toEqual([
      '100.00',
      '100.00',
      '50.00',
    ]);
    const del = await ana.request('mutation($id: ID!) { deletePurchase(id: $id) { id } }', {
      id: purchase.id,
    });
    expect(errorCode(del)).toBe('INVALID_STATE');
  });

  it('replaces the installments when a purchase changes, and frees the limit when it is deleted', async () => {
    const ana = t.as();
    const card = await ana.card();
    const purchase = await ana.purchase({
      cardId: card.id,
      totalAmount: '300.00',
      installmentCount: 3,
    });
    const updated = await ana.ok<{
      updatePurchase: { installments: { amount: { amount: string }; month: string }[] };
    }>(
      `mutation($id: ID!) { updatePurchase(id: $id, input: { installmentCount: 2, description: "TV" }) {
        installments { amount { amount } month } } }`,
      { id: purchase.id },
    );
    expect(updated.updatePurchase.installments).toEqual([
      { amount: { amount: '150.00' }, month: '2026-03' },
      { amount: { amount: '150.00' }, month: '2026-04' },
    ]);
    expect((await ana.invoices(card.id)).map((i) => i.total.amount)).toEqual([
      '150.00',
      '150.00',
      '0.00',
    ]);
    const tooBig = await ana.request(
      'mutation($id: ID!) { updatePurchase(id: $id, input: { totalAmount: "1000.01" }) { id } }',
      { id: purchase.id },
    );
    expect(errorCode(tooBig)).toBe('LIMIT_EXCEEDED');
    await ana.ok('mutation($id: ID!) { deletePurchase(id: $id) { deleted } }', { id: purchase.id });
    expect(await ana.available(card.id)).toBe('1000.00');
    const deleted = (await publishedEvents(t.cards, { type: 'cards.purchase.deleted' })).find(
      (e) => e.data.purchase.id === purchase.id,
    );
    expect(deleted?.data.purchase).toMatchObject({ deleted: true, installments: [], version: 3 });
  });

  it('moves invoice dates: stored dates beat the card days', async () => {
    const ana = t.as();
    const card = await ana.card();
    const [march] = await ana.invoices(card.id);
    const adjust = `mutation($id: ID!, $c: LocalDate!, $d: LocalDate!) {
      adjustInvoiceDates(invoiceId: $id, closingDate: $c, dueDate: $d) { closingDate dueDate datesAdjusted } }`;
    expect(
      errorCode(await ana.request(adjust, { id: march!.id, c: '2026-03-12', d: '2026-03-12' })),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await ana.request(adjust, { id: march!.id, c: '2026-03-05', d: '2026-03-20' })),
    ).toBe('BAD_USER_INPUT');
    const moved = await ana.ok<{ adjustInvoiceDates: unknown }>(adjust, {
      id: march!.id,
      c: '2026-03-12',
      d: '2026-03-23',
    });
    expect(moved.adjustInvoiceDates).toEqual({
      closingDate: '2026-03-12',
      dueDate: '2026-03-23',
      datesAdjusted: true,
    });
    t.clock.set('2026-03-11T15:00:00Z');
    try {
      const purchase = await ana.purchase({
        cardId: card.id,
        totalAmount: '5.00',
        purchaseDate: '2026-03-11',
      });
      expect(purchase.installments[0]?.month).toBe('2026-03');
    } finally {
      t.clock.set('2026-03-05T15:00:00Z');
    }
  });
});
