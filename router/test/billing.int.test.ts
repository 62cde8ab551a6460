import { MailCatcher } from '@saldo/notifications/src/mail-catcher/catcher';
import { waitFor } from '@saldo/kit/testing';
import { code, registerUser, subscribed, useStack } from './harness';

const PROFILE = {
  beneficiaryName: 'Padaria Pão Quente Ltda',
  beneficiaryDocument: '11.222.333/0001-81',
  bankCode: '001',
  agency: '1234',
  account: '123456',
  wallet: '17',
  agreement: '1234567',
  pixKey: 'pix@padaria.com.br',
  senderName: 'Padaria Pão Quente',
};

const CHARGE = `id status debtId amount { amount currency } dueDate sentAt paidAt
  paidAmount { amount } ledgerEntryId ledgerRejection
  boleto { ourNumber barcode digitableLine pdfUrl } pix { brCode }`;

interface Charge {
  id: string;
  status: string;
  ledgerEntryId: string | null;
  boleto: { barcode: string; digitableLine: string; pdfUrl: string } | null;
  pix: { brCode: string } | null;
}

describe('billing end to end: router, identity, ledger, notifications and billing', () => {
  const mail = new MailCatcher();
  let smtpPort = 0;
  beforeAll(async () => {
    smtpPort = (await mail.start()).smtpPort;
  });
  afterAll(async () => {
    await mail.stop();
  });
  const stack = useStack({
    subgraphs: ['identity', 'ledger', 'notifications', 'billing'],
    config: {
      notifications: {
        // Read lazily: the catcher has started by the time the stack starts (beforeAll order).
        get SMTP_URL() {
          return `smtp://127.0.0.1:${smtpPort}`;
        },
        DISPATCH_INTERVAL_MS: 50,
        CHARGE_REPORT_INTERVAL_MS: 50,
        SCHEDULER_INTERVAL_MS: 0,
      },
    },
  });

  it('issues a boleto, emails the payer a working PDF link, and books the payment as income', async () => {
    const ana = await registerUser(stack().client, 'ana');
    const bob = await registerUser(stack().client, 'bob');
    const account = await ana.client.ok<{ createAccount: { id: string } }>(
      'mutation { createAccount(input: { name: "Recebimentos", type: CHECKING, currency: "BRL", initialBalance: "0.00" }) { id } }',
    );
    const accountId = account.createAccount.id;

    // Nothing is issued until the profile is complete.
    const early = await ana.client.request(
      `mutation($input: CreateChargeInput!) { createCharge(input: $input) { id } }`,
      {
        input: {
          debtId: 'D-1',
          payer: { name: 'Maria', governmentId: '529.982.247-25', email: 'maria@example.com' },
          amount: '150.25',
          dueDate: '2027-01-10',
        },
      },
    );
    expect(code(early)).toBe('INVALID_STATE');

    const profile = await ana.client.ok<{ updateBillingProfile: { complete: boolean } }>(
      'mutation($input: UpdateBillingProfileInput!) { updateBillingProfile(input: $input) { complete } }',
      { input: { ...PROFILE, receivingAccountId: accountId } },
    );
    expect(profile.updateBillingProfile.complete).toBe(true);

    const created = await ana.client.ok<{ createCharge: Charge }>(
      `mutation($input: CreateChargeInput!) { createCharge(input: $input) { ${CHARGE} } }`,
      {
        input: {
          debtId: 'D-1',
          payer: { name: 'Maria', governmentId: '529.982.247-25', email: 'maria@example.com' },
          amount: '150.25',
          dueDate: '2027-01-10',
        },
      },
    );
    const charge = created.createCharge;
    expect(charge.status).toBe('ISSUED');
    expect(charge.boleto?.barcode).toMatch(/^0019\d{40}$/);
    expect(charge.boleto?.digitableLine).toMatch(/^\d{47}$/);
    expect(charge.pix?.brCode).toMatch(/^000201.*6304[0-9A-F]{4}$/);

    // Bob sees none of it.
    expect(
      code(
        await bob.client.request('query($id: ID!) { charge(id: $id) { id } }', { id: charge.id }),
      ),
    ).toBe('NOT_FOUND');

    // The payer's email, then the charge turns SENT once the delivery is reported back.
    const email = await waitFor(
      () => mail.mails.find((m) => m.envelopeTo.includes('maria@example.com')),
      { timeoutMs: 20_000 },
    );
    expect(email.parsed.text).toContain('R$ 150,25');
    const sent = await waitFor(
      async () => {
        const data = await ana.client.ok<{ charge: Charge }>(
          `query($id: ID!) { charge(id: $id) { ${CHARGE} } }`,
          { id: charge.id },
        );
        return data.charge.status === 'SENT' && data.charge;
      },
      { timeoutMs: 20_000 },
    );
    expect(sent.status).toBe('SENT');

    // The link in the mail opens the PDF through the router, with no sign-in.
    const link = /https?:\/\/\S+\/billing\/charges\/\S+\/boleto\.pdf\?exp=\d+&sig=[\w-]+/.exec(
      email.parsed.text ?? '',
    )?.[0];
    expect(link).toBeDefined();
    const { pathname, search } = new URL(link!);
    const origin = stack().router.url.replace(/\/graphql$/, '');
    const pdf = await fetch(`${origin}${pathname}${search}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    // The owner with a token; a stranger with theirs; nobody without either.
    const owned = await fetch(`${origin}${pathname}`, {
      headers: { authorization: `Bearer ${ana.accessToken}` },
    });
    expect(owned.status).toBe(200);
    const stranger = await fetch(`${origin}${pathname}`, {
      headers: { authorization: `Bearer ${bob.accessToken}` },
    });
    expect(stranger.status).toBe(404);
    expect((await fetch(`${origin}${pathname}`)).status).toBe(401);
    expect((await fetch(`${origin}${pathname}?exp=1&sig=forged`)).status).toBe(403);

    // Paid by hand: PAID, and the ledger books the income once and answers with the entry.
    const paid = await ana.client.ok<{ registerChargePayment: Charge }>(
      `mutation($input: RegisterChargePaymentInput!) { registerChargePayment(input: $input) { ${CHARGE} } }`,
      { input: { chargeId: charge.id, amount: '150.25', date: '2026-12-01' } },
    );
    expect(paid.registerChargePayment.status).toBe('PAID');
    const booked = await waitFor(
      async () => {
        const data = await ana.client.ok<{ charge: Charge }>(
          `query($id: ID!) { charge(id: $id) { ${CHARGE} } }`,
          { id: charge.id },
        );
        return data.charge.ledgerEntryId !== null && data.charge;
      },
      { timeoutMs: 20_000 },
    );
    const balance = await ana.client.ok<{ account: { balance: { amount: string } } }>(
      'query($id: ID!) { account(id: $id) { balance { amount } } }',
      { id: accountId },
    );
    expect(balance.account.balance.amount).toBe('150.25');
    expect(booked.ledgerEntryId).toEqual(expect.any(String));
  });

  it('imports a charge file through POST /uploads, pushes chargeBatchUpdated, emails the payers', async () => {
    const ana = await registerUser(stack().client, 'ana');
    const account = await ana.client.ok<{ createAccount: { id: string } }>(
      'mutation { createAccount(input: { name: "Recebimentos", type: CHECKING, currency: "BRL", initialBalance: "0.00" }) { id } }',
    );
    await ana.client.ok(
      'mutation($input: UpdateBillingProfileInput!) { updateBillingProfile(input: $input) { complete } }',
      { input: { ...PROFILE, receivingAccountId: account.createAccount.id } },
    );
    const csv = [
      'name;governmentId;email;debtAmount;debtDueDate;debtId',
      'Maria;529.982.247-25;maria.batch@example.com;10,50;10/01/2027;B-1',
      'Zé;111.444.777-35;ze.batch@example.com;20,00;2027-01-11;B-2',
      'Ruim;111.111.111-11;ruim@example.com;20,00;2027-01-11;B-3',
    ].join('\r\n');
    const response = await fetch(
      stack().router.url.replace(/\/graphql$/, '/uploads?purpose=billing'),
      {
        method: 'POST',
        headers: { authorization: `Bearer ${ana.accessToken}`, 'x-filename': 'lote.csv' },
        body: Buffer.from(csv, 'latin1'),
      },
    );
    expect(response.status).toBe(201);
    const { fileId } = (await response.json()) as { fileId: string };

    const live = stack().live(`Bearer ${ana.accessToken}`);
    const sub = await subscribed(stack().router, 1, () =>
      live.subscribe(
        'subscription { chargeBatchUpdated { batchId status progress totals { rows accepted invalid } batch { filename } } }',
      ),
    );
    const started = await ana.client.ok<{ importCharges: { id: string; status: string } }>(
      'mutation($id: ID!) { importCharges(fileId: $id) { id status } }',
      { id: fileId },
    );
    expect(started.importCharges.status).toBe('RECEIVED');
    const done = await waitFor(
      () =>
        sub.received.find(
          (p) => (p['chargeBatchUpdated'] as { status: string }).status === 'COMPLETED_WITH_ERRORS',
        ),
      { timeoutMs: 20_000, what: 'COMPLETED_WITH_ERRORS pushed' },
    );
    expect(done['chargeBatchUpdated']).toEqual({
      batchId: started.importCharges.id,
      status: 'COMPLETED_WITH_ERRORS',
      progress: 1,
      totals: { rows: 3, accepted: 2, invalid: 1 },
      batch: { filename: 'lote.csv' },
    });
    await waitFor(
      () =>
        ['maria.batch@example.com', 'ze.batch@example.com'].every((to) =>
          mail.mails.some((m) => m.envelopeTo.includes(to)),
        ),
      { timeoutMs: 20_000, what: 'both payers emailed' },
    );
    const sent = await waitFor(
      async () => {
        const r = await ana.client.ok<{ chargeBatch: { totals: { sent: number } } }>(
          'query($id: ID!) { chargeBatch(id: $id) { totals { sent } } }',
          { id: started.importCharges.id },
        );
        return r.chargeBatch.totals.sent === 2 ? r : undefined;
      },
      { timeoutMs: 20_000, what: 'deliveries counted' },
    );
    expect(sent.chargeBatch.totals.sent).toBe(2);
  }, 60_000);
});
