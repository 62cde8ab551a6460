import { newId, query } from '@saldo/kit';
import { publishedEvents, waitFor } from '@saldo/kit/testing';
import type { EventData } from '@saldo/events';
import { startNotificationsForTest, type TestNotifications } from './helpers';

type Requested = EventData<'billing.charge_emails.requested'>;

const LINE = '00190000090123456789001234567891789900000015025';

const charge = (email: string, fields: Partial<Requested['charges'][number]> = {}) => ({
  chargeId: newId(),
  debtId: `D-${newId().slice(-6)}`,
  payerName: 'Maria Silva',
  payerEmail: email,
  amount: { amount: '150.25', currency: 'BRL' },
  dueDate: '2026-03-20',
  digitableLine: LINE,
  pixBrCode:
    '00020126360014br.gov.bcb.pix0114+55119999999995204000053039865406150.255802BR5913Loja da Maria6009Sao Paulo62070503***6304ABCD',
  pdfUrl: 'http://127.0.0.1:4000/billing/charges/x/boleto.pdf?exp=1&sig=abc',
  attempt: 1,
  ...fields,
});

const request = (charges: Requested['charges'], locale = 'pt-BR'): Requested => ({
  beneficiaryName: 'Loja da Maria LTDA',
  senderName: 'Loja da Maria',
  locale,
  charges,
});

describe("billing's charge emails (to payers, outcomes reported back)", () => {
  let n: TestNotifications;

  beforeAll(async () => {
    n = await startNotificationsForTest('notifications_charges', { CHARGE_REPORT_INTERVAL_MS: 50 });
    await n.subgraph.messaging.ensureDomainStream('billing');
  });
  afterAll(async () => {
    await n?.stop();
  });

  const mailsTo = (to: string) => n.mail.mails.filter((m) => m.envelopeTo.includes(to));
  const outcomes = async (userId: string) =>
    (await publishedEvents(n.t.subgraph, { type: 'notifications.charge_emails.delivered' }))
      .filter((e) => e.userId === userId)
      .flatMap((e) => e.data.results);

  it("mails each payer at the row's address once, and reports SENT per charge and attempt", async () => {
    const beneficiary = newId();
    const a = charge('payer.a@example.com');
    const b = charge('payer.b@example.com', { pixBrCode: null });
    const id = await n.publish('billing.charge_emails.requested', beneficiary, request([a, b]));
    // The same request again (a redelivery under the same id changes nothing; see the inbox).
    await waitFor(() => mailsTo('payer.a@example.com').length === 1);
    await waitFor(() => mailsTo('payer.b@example.com').length === 1);
    const [mail] = mailsTo('payer.a@example.com');
    expect(mail!.parsed.subject).toBe(
      'Boleto de Loja da Maria LTDA: R$ 150,25, vence em 20/03/2026',
    );
    expect(mail!.parsed.text).toContain('00190.00009 01234.567890 01234.567891 7 89900000015025');
    expect(mail!.parsed.text).toContain(`PIX copia e cola:\n${a.pixBrCode}\n`);
    expect(mail!.parsed.text).toContain(a.pdfUrl);
    expect(mailsTo('payer.b@example.com')[0]!.parsed.text).not.toContain('PIX');
    const reported = await waitFor(async () => {
      const list = await outcomes(beneficiary);
      return list.length === 2 && list;
    });
    expect(reported.map((r) => [r.chargeId, r.attempt, r.outcome, r.reason]).sort()).toEqual(
      [
        [a.chargeId, 1, 'SENT', null],
        [b.chargeId, 1, 'SENT', null],
      ].sort(),
    );
    expect(id).toBeTruthy();
  });

  it('sends a resend (a new attempt) again, in English for an English beneficiary', async () => {
    const beneficiary = newId();
    const c = charge('payer.c@example.com');
    await n.publish('billing.charge_emails.requested', beneficiary, request([c], 'en'));
    await n.publish(
      'billing.charge_emails.requested',
      beneficiary,
      request([{ ...c, attempt: 2 }], 'en'),
    );
    const mails = await waitFor(
      () => mailsTo('payer.c@example.com').length === 2 && mailsTo('payer.c@example.com'),
    );
    expect(mails[0]!.parsed.subject).toBe(
      'Payment slip from Loja da Maria LTDA: R$150.25, due 03/20/2026',
    );
    const reported = await waitFor(async () => {
      const list = await outcomes(beneficiary);
      return list.length === 2 && list;
    });
    expect(reported.map((r) => r.attempt).sort()).toEqual([1, 2]);
  });

  it("erases a beneficiary's charge deliveries with the user", async () => {
    const beneficiary = newId();
    await n.publish(
      'billing.charge_emails.requested',
      beneficiary,
      request([charge('d@example.com')]),
    );
    await waitFor(() => mailsTo('d@example.com').length === 1);
    await n.publish('identity.user.deleted', beneficiary, { userId: beneficiary });
    const left = await query(
      n.subgraph.orm.em.fork(),
      'select id from deliveries where user_id = ?',
      [beneficiary],
    );
    expect(left).toEqual([]);
  });
});
