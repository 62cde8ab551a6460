import { newId } from '@saldo/kit';
import { errorCode, publishedEvents } from '@saldo/kit/testing';
import {
  barcodeOfLine,
  chargeInput,
  COMPLETE_PROFILE,
  crc16,
  LINK_SECRET,
  PUBLIC_URL,
  startBillingForTest,
  type ChargeData,
  type TestBilling,
} from './helpers';
import { PdfLinkSigner } from '../src/links/pdf-link';

let b: TestBilling;
beforeAll(async () => {
  b = await startBillingForTest('billing_charges');
});
afterAll(() => b.stop());

function created(result: { data?: { createCharge: ChargeData } | null; errors?: unknown }) {
  if (!result.data) throw new Error(`createCharge failed: ${JSON.stringify(result.errors)}`);
  return result.data.createCharge;
}

describe('createCharge', () => {
  it('refuses until the profile is complete, naming what is missing', async () => {
    const api = b.as();
    await api.updateProfile({ beneficiaryName: 'Só o nome' });
    const result = await api.createCharge(chargeInput('D-1'));
    expect(errorCode(result)).toBe('INVALID_STATE');
    expect(result.errors?.[0]?.extensions?.['reason']).toBe('BILLING_PROFILE_INCOMPLETE');
    expect(String(result.errors?.[0]?.extensions?.['missing'])).toContain('pixKey');
    expect(result.errors?.[0]?.message).toContain('bankCode');
  });

  it('issues at once: boleto fields, a valid PIX code, status ISSUED, an email requested', async () => {
    const api = await b.beneficiary();
    const charge = created(await api.createCharge(chargeInput('D-100')));
    expect(charge).toMatchObject({
      debtId: 'D-100',
      status: 'ISSUED',
      amount: { amount: '150.75', currency: 'BRL' },
      dueDate: '2026-12-20',
      payer: { name: 'Maria da Silva', governmentId: '52998224725', email: 'maria@example.com' },
    });
    const boleto = charge.boleto!;
    expect(boleto.barcode).toMatch(/^\d{44}$/);
    expect(boleto.digitableLine).toMatch(/^\d{47}$/);
    expect(boleto.barcode.slice(0, 4)).toBe('0019');
    expect(boleto.barcode.slice(9, 19)).toBe('0000015075');
    expect(barcodeOfLine(boleto.digitableLine)).toBe(boleto.barcode);
    const brCode = charge.pix!.brCode;
    expect(brCode.slice(-8, -4)).toBe('6304');
    expect(brCode.slice(-4)).toBe(crc16(brCode.slice(0, -4)));
    expect(brCode).toContain('150.75');
    expect(brCode).toContain(COMPLETE_PROFILE.pixKey);

    const url = new URL(boleto.pdfUrl);
    expect(`${url.origin}${url.pathname}`).toBe(
      `${PUBLIC_URL}/billing/charges/${charge.id}/boleto.pdf`,
    );
    const signer = new PdfLinkSigner(LINK_SECRET, PUBLIC_URL);
    expect(
      signer.verify(
        charge.id,
        url.searchParams.get('exp'),
        url.searchParams.get('sig'),
        new Date(),
      ),
    ).toBe(true);

    const emails = await publishedEvents(b.t, { type: 'billing.charge_emails.requested' });
    const mine = emails.filter((e) => e.userId === api.userId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.data).toMatchObject({
      beneficiaryName: COMPLETE_PROFILE.beneficiaryName,
      senderName: COMPLETE_PROFILE.senderName,
      charges: [
        {
          chargeId: charge.id,
          debtId: 'D-100',
          payerEmail: 'maria@example.com',
          amount: { amount: '150.75', currency: 'BRL' },
          digitableLine: boleto.digitableLine,
          pixBrCode: brCode,
          attempt: 1,
        },
      ],
    });
  });

  it('is idempotent on debtId; different data is a CONFLICT; our-numbers never repeat', async () => {
    const api = await b.beneficiary();
    const first = created(await api.createCharge(chargeInput('D-7')));
    const again = created(await api.createCharge(chargeInput('D-7')));
    expect(again.id).toBe(first.id);
    expect(again.boleto?.ourNumber).toBe(first.boleto?.ourNumber);
    const changed = await api.createCharge(chargeInput('D-7', { amount: '151.00' }));
    expect(errorCode(changed)).toBe('CONFLICT');
    const second = created(await api.createCharge(chargeInput('D-8')));
    expect(second.boleto?.ourNumber).not.toBe(first.boleto?.ourNumber);
    const emails = await publishedEvents(b.t, { type: 'billing.charge_emails.requested' });
    expect(emails.filter((e) => e.userId === api.userId)).toHaveLength(2);
    // Another beneficiary may use the same debtId.
    const other = await b.beneficiary();
    expect(created(await other.createCharge(chargeInput('D-7'))).id).not.toBe(first.id);
  });

  it('under concurrency: distinct our-numbers, and one charge per debtId', async () => {
    const api = await b.beneficiary();
    const distinct = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api.createCharge(chargeInput(`K-${i}`))),
    );
    const numbers = distinct.map((r) => created(r).boleto!.ourNumber);
    expect(new Set(numbers).size).toBe(12);
    const same = await Promise.all(
      Array.from({ length: 8 }, () => api.createCharge(chargeInput('K-same'))),
    );
    expect(new Set(same.map((r) => created(r).id)).size).toBe(1);
    const emails = await publishedEvents(b.t, { type: 'billing.charge_emails.requested' });
    expect(emails.filter((e) => e.userId === api.userId)).toHaveLength(13);
  });

  it.each([
    [
      'payer.governmentId',
      { payer: { name: 'A', governmentId: '111.111.111-11', email: 'a@b.co' } },
    ],
    ['payer.email', { payer: { name: 'A', governmentId: '529.982.247-25', email: 'nope' } }],
    ['amount', { amount: '0' }],
    ['amount', { amount: '1.234' }],
    ['dueDate', { dueDate: '2026-02-30' }],
  ])('refuses an invalid %s', async (field, overrides) => {
    const api = await b.beneficiary();
    const result = await api.createCharge(chargeInput(`D-${field}`, overrides));
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(errorCode(result));
    if (errorCode(result) === 'BAD_USER_INPUT' && result.errors?.[0]?.extensions?.['field']) {
      expect(result.errors[0].extensions['field']).toBe(field);
    }
  });
});

describe('charges of a beneficiary', () => {
  it('lists, filters and pages only your own charges', async () => {
    const api = await b.beneficiary();
    for (let i = 1; i <= 3; i += 1)
      created(await api.createCharge(chargeInput(`L-${i}`, { dueDate: `2026-12-0${i}` })));
    const page1 = await api.list(null, 2);
    expect(page1.edges.map((e) => e.node.debtId)).toEqual(['L-3', 'L-2']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await api.list(null, 2, page1.pageInfo.endCursor!);
    expect(page2.edges.map((e) => e.node.debtId)).toEqual(['L-1']);
    const due = await api.list({ dueFrom: '2026-12-02', dueTo: '2026-12-02' });
    expect(due.edges.map((e) => e.node.debtId)).toEqual(['L-2']);
    const search = await api.list({ search: 'L-1' });
    expect(search.edges.map((e) => e.node.debtId)).toEqual(['L-1']);

    const stranger = await b.beneficiary();
    expect((await stranger.list()).edges).toHaveLength(0);
    const id = page2.edges[0]!.node.id;
    expect(errorCode(await stranger.charge(id))).toBe('NOT_FOUND');
    expect(errorCode(await stranger.mutate('cancelCharge', id))).toBe('NOT_FOUND');
    expect(errorCode(await stranger.mutate('resendCharge', id))).toBe('NOT_FOUND');
    expect(
      errorCode(await stranger.pay({ chargeId: id, amount: '1.00', date: '2026-12-01' })),
    ).toBe('NOT_FOUND');
    expect((await api.charge(id)).data?.charge.status).toBe('ISSUED');
  });

  it('cancels an open charge, not a cancelled or paid one', async () => {
    const api = await b.beneficiary();
    const c = created(await api.createCharge(chargeInput('C-1')));
    const cancelled = await api.mutate('cancelCharge', c.id);
    expect(cancelled.data?.['cancelCharge']?.status).toBe('CANCELLED');
    expect(errorCode(await api.mutate('cancelCharge', c.id))).toBe('INVALID_STATE');
    expect(errorCode(await api.mutate('resendCharge', c.id))).toBe('INVALID_STATE');
  });

  it('resends as a new attempt with its own email event', async () => {
    const api = await b.beneficiary();
    const c = created(await api.createCharge(chargeInput('R-1')));
    expect((await api.mutate('resendCharge', c.id)).errors).toBeUndefined();
    const emails = (await publishedEvents(b.t, { type: 'billing.charge_emails.requested' })).filter(
      (e) => e.userId === api.userId,
    );
    expect(emails.map((e) => e.data.charges[0]!.attempt)).toEqual([1, 2]);
  });
});

describe('payments and answers', () => {
  it('registers a payment once and asks the ledger to book it', async () => {
    const api = await b.beneficiary();
    const c = created(await api.createCharge(chargeInput('P-1')));
    const paid = await api.pay({ chargeId: c.id, amount: '150.75', date: '2026-12-10' });
    expect(paid.data?.registerChargePayment).toMatchObject({
      status: 'PAID',
      paidAmount: { amount: '150.75', currency: 'BRL' },
    });
    expect(paid.data?.registerChargePayment.paidAt).not.toBeNull();
    expect(errorCode(await api.pay({ chargeId: c.id, amount: '150.75', date: '2026-12-10' }))).toBe(
      'CONFLICT',
    );
    expect(errorCode(await api.mutate('cancelCharge', c.id))).toBe('INVALID_STATE');
    expect(errorCode(await api.mutate('resendCharge', c.id))).toBe('INVALID_STATE');
    const events = (await publishedEvents(b.t, { type: 'billing.charge.paid' })).filter(
      (e) => e.userId === api.userId,
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      chargeId: c.id,
      debtId: 'P-1',
      accountId: COMPLETE_PROFILE.receivingAccountId,
      amount: { amount: '150.75', currency: 'BRL' },
      date: '2026-12-10',
    });

    const entryId = newId();
    await b.publish('ledger.charge_payment.booked', api.userId, { chargeId: c.id, entryId });
    expect((await api.charge(c.id)).data?.charge.ledgerEntryId).toBe(entryId);
  });

  it('records a rejection from the ledger', async () => {
    const api = await b.beneficiary();
    const c = created(await api.createCharge(chargeInput('P-2')));
    await api.pay({ chargeId: c.id, amount: '10.00', date: '2026-12-10' });
    await b.publish('ledger.charge_payment.rejected', api.userId, {
      chargeId: c.id,
      code: 'NOT_FOUND',
      reason: 'Account not found',
    });
    expect((await api.charge(c.id)).data?.charge.ledgerRejection).toContain('Account not found');
  });

  it('applies delivery outcomes per attempt: SENT, FAILED, stale answers ignored', async () => {
    const api = await b.beneficiary();
    const ok = created(await api.createCharge(chargeInput('E-1')));
    const bad = created(await api.createCharge(chargeInput('E-2')));
    const at = '2026-12-01T10:00:00.000Z';
    const results = [
      { chargeId: ok.id, attempt: 1, outcome: 'SENT' as const, reason: null, at },
      { chargeId: bad.id, attempt: 1, outcome: 'FAILED' as const, reason: 'mailbox full', at },
    ];
    await b.publish('notifications.charge_emails.delivered', api.userId, { results });
    expect((await api.charge(ok.id)).data?.charge).toMatchObject({ status: 'SENT', sentAt: at });
    expect((await api.charge(bad.id)).data?.charge).toMatchObject({
      status: 'FAILED',
      failureReason: 'mailbox full',
    });
    // The same answer again (a redelivery under a new id) changes nothing.
    await b.publish('notifications.charge_emails.delivered', api.userId, { results });
    expect((await api.charge(ok.id)).data?.charge.status).toBe('SENT');
    // Resent: attempt 2; a late answer for attempt 1 does not count.
    await api.mutate('resendCharge', bad.id);
    await b.publish('notifications.charge_emails.delivered', api.userId, {
      results: [{ chargeId: bad.id, attempt: 1, outcome: 'SENT', reason: null, at }],
    });
    expect((await api.charge(bad.id)).data?.charge).toMatchObject({
      status: 'ISSUED',
      sentAt: null,
    });
    await b.publish('notifications.charge_emails.delivered', api.userId, {
      results: [{ chargeId: bad.id, attempt: 2, outcome: 'SENT', reason: null, at }],
    });
    expect((await api.charge(bad.id)).data?.charge.status).toBe('SENT');
    // Another user's answer cannot touch this charge.
    const other = b.as();
    await b.publish('notifications.charge_emails.delivered', other.userId, {
      results: [{ chargeId: ok.id, attempt: 1, outcome: 'FAILED', reason: 'x', at }],
    });
    expect((await api.charge(ok.id)).data?.charge.status).toBe('SENT');
  });
});

describe('erasure', () => {
  it('identity.user.deleted removes the profile and charges of that user only', async () => {
    const gone = await b.beneficiary();
    const kept = await b.beneficiary();
    const c = created(await gone.createCharge(chargeInput('X-1')));
    created(await kept.createCharge(chargeInput('X-1')));
    await b.publish('identity.user.deleted', gone.userId, { userId: gone.userId });
    expect(await gone.profile()).toMatchObject({ beneficiaryName: null, complete: false });
    expect(errorCode(await gone.charge(c.id))).toBe('NOT_FOUND');
    const rows = await b.query<{ n: string }>(
      'select count(*)::text as n from charges where user_id = ?::uuid',
      [gone.userId],
    );
    expect(rows[0]!.n).toBe('0');
    expect((await kept.list()).edges).toHaveLength(1);
  });
});
