import { newId } from '@saldo/kit';
import type { EntrySnapshot } from '@saldo/events';
import { errorCode, publishAs, publishedEvents, waitFor } from '@saldo/kit/testing';
import { startCardsForTest, type Api, type CardData, type TestCards } from './helpers';

const PAY = `mutation($input: PayInvoiceInput!) { payInvoice(input: $input) {
  id status amount { amount } date failureCode fromAccount { id } invoice { id } } }`;

interface PaymentData {
  id: string;
  status: string;
  amount: { amount: string };
  failureCode: string | null;
}

describe('invoice payments, a saga with the ledger', () => {
  let t: TestCards;
  const checking = newId();

  beforeAll(async () => {
    t = await startCardsForTest('cards_payments');
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** A card with R$ 300.00 in 3x, its March invoice closed. */
  async function closedInvoice(api: Api): Promise<{ card: CardData; invoiceId: string }> {
    const card = await api.card({ paymentAccountId: checking });
    await api.purchase({ cardId: card.id, totalAmount: '300.00', installmentCount: 3 });
    await t.cards.services.scheduler.runOnce(new Date('2026-03-10T12:00:00Z'));
    const [march] = await api.invoices(card.id);
    return { card, invoiceId: march!.id };
  }

  async function pay(api: Api, input: Record<string, unknown>): Promise<PaymentData> {
    return (await api.ok<{ payInvoice: PaymentData }>(PAY, { input })).payInvoice;
  }

  /** What the ledger publishes once it booked the transfer of a payment. */
  async function ledgerBooks(api: Api, paymentId: string): Promise<void> {
    const requested = (await publishedEvents(t.cards, { type: 'cards.payment.requested' })).find(
      (e) => e.data.payment.paymentId === paymentId,
    )!.data.payment;
    const entry: EntrySnapshot = {
      id: newId(),
      userId: api.userId,
      version: 1,
      kind: 'TRANSFER',
      status: 'POSTED',
      amount: requested.amount,
      toAmount: null,
      date: requested.date,
      dueDate: null,
      description: requested.description,
      accountId: requested.fromAccountId,
      toAccountId: requested.liabilityAccountId,
      categoryId: null,
      tags: [],
      source: 'CARDS',
      externalId: requested.externalId,
      postings: [],
      deleted: false,
      updatedAt: new Date().toISOString(),
    };
    await publishAs(t.cards, 'ledger.entry.created', api.userId, { entry });
  }

  async function statusOf(api: Api, invoiceId: string, paymentId: string): Promise<string> {
    const data = await api.ok<{ invoice: { payments: { id: string; status: string }[] } }>(
      'query($id: ID!) { invoice(id: $id) { payments { id status } } }',
      { id: invoiceId },
    );
    return data.invoice.payments.find((p) => p.id === paymentId)!.status;
  }

  it('shows a payment pending until the ledger confirms it, then restores the limit', async () => {
    const ana = t.as();
    const { card, invoiceId } = await closedInvoice(ana);
    const payment = await pay(ana, { invoiceId, idempotencyKey: 'pay-1' });
    expect([payment.status, payment.amount.amount]).toEqual(['PENDING', '100.00']);
    const pending = await ana.invoice(invoiceId);
    expect([pending.status, pending.pendingAmount.amount, pending.paidAmount.amount]).toEqual([
      'CLOSED',
      '100.00',
      '0.00',
    ]);
    expect(await ana.available(card.id)).toBe('700.00');
    const [requested] = (
      await publishedEvents(t.cards, { type: 'cards.payment.requested' })
    ).filter((e) => e.data.payment.paymentId === payment.id);
    expect(requested?.data.payment).toMatchObject({
      fromAccountId: checking,
      liabilityAccountId: card.liabilityAccount.id,
      amount: { amount: '100.00', currency: 'BRL' },
      externalId: `payment:${payment.id}`,
    });

    await ledgerBooks(ana, payment.id);
    await ledgerBooks(ana, payment.id); // a second answer changes nothing
    await waitFor(async () => (await statusOf(ana, invoiceId, payment.id)) === 'CONFIRMED');
    const paid = await ana.invoice(invoiceId);
    expect([paid.status, paid.paidAmount.amount, paid.pendingAmount.amount]).toEqual([
      'PAID',
      '100.00',
      '0.00',
    ]);
    expect(await ana.available(card.id)).toBe('800.00');
    await waitFor(
      async () => (await publishedEvents(t.cards, { type: 'cards.payment.confirmed' })).length > 0,
    );
    const paidEvents = (await publishedEvents(t.cards, { type: 'cards.invoice.paid' })).filter(
      (e) => e.data.invoiceId === invoiceId,
    );
    expect(paidEvents).toHaveLength(1);
    const again = await pay(ana, { invoiceId, idempotencyKey: 'pay-1' });
    expect(again.id).toBe(payment.id);
    expect(errorCode(await ana.request(PAY, { input: { invoiceId, amount: '1.00' } }))).toBe(
      'INVALID_STATE',
    );
  });

  it('fails a payment the ledger rejects and leaves the invoice as it was', async () => {
    const ana = t.as();
    const { card, invoiceId } = await closedInvoice(ana);
    const payment = await pay(ana, { invoiceId, amount: '100.00' });
    await publishAs(t.cards, 'ledger.entry.rejected', ana.userId, {
      userId: ana.userId,
      source: 'CARDS',
      externalId: `payment:${payment.id}`,
      code: 'INSUFFICIENT_FUNDS',
      reason: 'The account does not allow a negative balance',
    });
    await waitFor(async () => (await statusOf(ana, invoiceId, payment.id)) === 'FAILED');
    const invoice = await ana.invoice(invoiceId);
    expect([invoice.status, invoice.paidAmount.amount, invoice.pendingAmount.amount]).toEqual([
      'CLOSED',
      '0.00',
      '0.00',
    ]);
    expect(await ana.available(card.id)).toBe('700.00');
    const failed = (await publishedEvents(t.cards, { type: 'cards.payment.failed' })).find(
      (e) => e.data.payment.paymentId === payment.id,
    );
    expect(failed?.data.code).toBe('INSUFFICIENT_FUNDS');
  });

  it('counts a partial payment, and carries an overpayment to the next invoice as credit', async () => {
    const ana = t.as();
    const { card, invoiceId } = await closedInvoice(ana);
    const partial = await pay(ana, { invoiceId, amount: '40.00' });
    await ledgerBooks(ana, partial.id);
    await waitFor(async () => (await ana.invoice(invoiceId)).status === 'PARTIALLY_PAID');
    const over = await pay(ana, { invoiceId, amount: '100.00' });
    await ledgerBooks(ana, over.id);
    await waitFor(async () => (await ana.invoice(invoiceId)).status === 'PAID');
    const [march, april, may] = await ana.invoices(card.id);
    expect([march?.total.amount, march?.paidAmount.amount]).toEqual(['140.00', '140.00']);
    expect([april?.total.amount, april?.status]).toEqual(['60.00', 'OPEN']);
    expect(may?.total.amount).toBe('100.00');
    expect(await ana.available(card.id)).toBe('840.00');
  });

  it('answers bad payments with clear codes', async () => {
    const ana = t.as();
    const { card, invoiceId } = await closedInvoice(ana);
    const code = async (input: Record<string, unknown>) =>
      errorCode(await ana.request(PAY, { input: { invoiceId, ...input } }));
    expect(await code({ amount: '0' })).toBe('BAD_USER_INPUT');
    expect(await code({ amount: '1.001' })).toBe('BAD_USER_INPUT');
    expect(await code({ date: '2026-03-06' })).toBe('BAD_USER_INPUT');
    expect(await code({ fromAccountId: card.liabilityAccount.id })).toBe('BAD_USER_INPUT');
    expect(await code({ fromAccountId: 'checking' })).toBe('NOT_FOUND');
    expect(await code({ invoiceId: newId() })).toBe('NOT_FOUND');
    await pay(ana, { invoiceId, amount: '1.00', idempotencyKey: 'k' });
    expect(await code({ amount: '2.00', idempotencyKey: 'k' })).toBe('CONFLICT');
    const noAccount = await ana.card();
    const [open] = await ana.invoices(noAccount.id);
    expect(
      errorCode(await ana.request(PAY, { input: { invoiceId: open!.id, amount: '1.00' } })),
    ).toBe('BAD_USER_INPUT');
  });
});
