import { newId, query } from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { publishAs, publishedEvents, waitForHandled } from '@saldo/kit/testing';
import { startLedgerForTest, BALANCE_MISMATCHES, type Ledger } from './harness';

type Paid = EventData<'billing.charge.paid'>;

describe("the ledger's side of billing (paid charges in, BILLING income entries and answers out)", () => {
  let ledger: Ledger;

  beforeAll(async () => {
    ledger = await startLedgerForTest('ledger_billing');
    await ledger.t.subgraph.messaging.ensureDomainStream('billing');
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  const paid = (accountId: string, fields: Partial<Paid> = {}): Paid => ({
    chargeId: newId(),
    debtId: 'D-1',
    accountId,
    amount: { amount: '150.25', currency: 'BRL' },
    date: '2026-03-02',
    description: 'Boleto D-1 - Maria Silva',
    paidAt: '2026-03-02T13:00:00.000Z',
    ...fields,
  });

  async function send(userId: string, data: Paid) {
    const event = await publishAs(ledger.t, 'billing.charge.paid', userId, data);
    await waitForHandled(ledger.t, event);
  }

  const answers = async (chargeId: string) => ({
    booked: (await publishedEvents(ledger.t, { type: 'ledger.charge_payment.booked' }))
      .map((e) => e.data)
      .filter((d) => d.chargeId === chargeId),
    rejected: (await publishedEvents(ledger.t, { type: 'ledger.charge_payment.rejected' }))
      .map((e) => e.data)
      .filter((d) => d.chargeId === chargeId),
  });

  it('books one INCOME entry per charge, even when the payment arrives twice', async () => {
    const ana = ledger.as();
    const account = await ana.account({ name: 'Recebimentos', initialBalance: '10.00' });
    const data = paid(account.id);
    await send(ana.userId, data);
    await send(ana.userId, data); // a new event id: the inbox cannot tell, the external id can
    const entries = await query<{ id: string; external_id: string; source: string; kind: string }>(
      ledger.em(),
      'select id, external_id, source, kind from entries where account_id = ? and source = ?',
      [account.id, 'BILLING'],
    );
    expect(entries).toEqual([
      {
        id: expect.any(String),
        external_id: `charge:${data.chargeId}`,
        source: 'BILLING',
        kind: 'INCOME',
      },
    ]);
    expect(await ana.balance(account.id)).toBe('160.25');
    const { booked, rejected } = await answers(data.chargeId);
    expect(booked).toEqual([
      { chargeId: data.chargeId, entryId: entries[0]!.id },
      { chargeId: data.chargeId, entryId: entries[0]!.id },
    ]);
    expect(rejected).toEqual([]);
    expect(await query(ledger.em(), BALANCE_MISMATCHES)).toEqual([]);
  });

  it("rejects a payment into an account that is not the beneficiary's, booking nothing", async () => {
    const ana = ledger.as();
    const bob = ledger.as();
    const bobs = await bob.account({ name: 'Bob' });
    const data = paid(bobs.id);
    await send(ana.userId, data);
    const { booked, rejected } = await answers(data.chargeId);
    expect(booked).toEqual([]);
    expect(rejected).toEqual([
      { chargeId: data.chargeId, code: 'NOT_FOUND', reason: expect.any(String) },
    ]);
    expect(await bob.balance(bobs.id)).toBe('0.00');
  });
});
