import { newId } from '@saldo/kit';
import { waitFor } from '@saldo/kit/testing';
import { ManualClock } from '@saldo/kit';
import { inbox, startNotificationsForTest, type TestNotifications } from './helpers';

const closed = (invoiceId = newId()) => ({
  invoiceId,
  cardId: newId(),
  month: '2026-03',
  status: 'CLOSED' as const,
  closingDate: '2026-03-10',
  dueDate: '2026-03-20',
  total: { amount: '1234.56', currency: 'BRL' },
  paidAmount: { amount: '0.00', currency: 'BRL' },
  pendingAmount: { amount: '0.00', currency: 'BRL' },
});

const mailsTo = (n: TestNotifications, to: string) =>
  n.mail.mails.filter((m) => m.envelopeTo.includes(to));

describe('email over real SMTP', () => {
  let n: TestNotifications;

  beforeAll(async () => {
    n = await startNotificationsForTest('notifications_email');
  });
  afterAll(async () => {
    await n?.stop();
  });

  it('sends the welcome mail multipart, in pt-BR or English, with a Message-ID per delivery', async () => {
    await n.register(newId(), 'pt-BR', 'ana@example.com');
    await n.register(newId(), 'en', 'ann@example.com');
    const [ana] = await waitFor(
      () => mailsTo(n, 'ana@example.com').length === 1 && mailsTo(n, 'ana@example.com'),
    );
    const [ann] = await waitFor(
      () => mailsTo(n, 'ann@example.com').length === 1 && mailsTo(n, 'ann@example.com'),
    );
    expect(ana!.parsed.subject).toBe('Bem-vindo ao Saldo');
    expect(ana!.parsed.text).toContain('Olá, Ana!');
    expect(ana!.parsed.html).toContain('<html lang="pt-BR">');
    expect(ana!.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@saldo\.notifications>$/);
    expect(ann!.parsed.subject).toBe('Welcome to Saldo');
    expect(ann!.parsed.text).toContain('Hi Ann!');
  });

  it('formats the amount and dates for the reader, with List-Unsubscribe', async () => {
    const ana = await n.register(newId(), 'pt-BR', 'ana.invoice@example.com');
    const ann = await n.register(newId(), 'en', 'ann.invoice@example.com');
    await n.publish('cards.invoice.closed', ana, closed());
    await n.publish('cards.invoice.closed', ann, closed());
    const pt = await waitFor(() =>
      mailsTo(n, 'ana.invoice@example.com').find((m) => m.parsed.subject?.startsWith('Fatura')),
    );
    const en = await waitFor(() =>
      mailsTo(n, 'ann.invoice@example.com').find((m) => m.parsed.subject?.includes('statement')),
    );
    expect(pt.parsed.text).toContain('R$ 1.234,56');
    expect(pt.parsed.text).toContain('20/03/2026');
    expect(en.parsed.text).toContain('R$1,234.56');
    expect(en.parsed.text).toContain('03/20/2026');
    const unsubscribe = pt.parsed.headerLines.find((h) => h.key === 'list-unsubscribe');
    expect(unsubscribe?.line).toContain('unsubscribe=INVOICE_CLOSED');
    // The delivery is recorded as sent.
    await waitFor(async () => {
      const { nodes } = await inbox(n.as(ana));
      const email = nodes
        .find((x) => x.type === 'INVOICE_CLOSED')
        ?.deliveries.find((d) => d.channel === 'EMAIL');
      return email?.status === 'SENT' && email.attempts === 1;
    });
  });

  it('mails the password-reset link from configuration and stores no token', async () => {
    const ana = await n.register(newId(), 'pt-BR', 'ana.reset@example.com');
    const token = 'reset_' + 'a1'.repeat(20);
    await n.publish('identity.password_reset.requested', ana, {
      userId: ana,
      email: 'ana.reset@example.com',
      name: 'Ana',
      locale: 'pt-BR',
      token,
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });
    const mail = await waitFor(() =>
      mailsTo(n, 'ana.reset@example.com').find((m) => m.parsed.subject === 'Redefinição de senha'),
    );
    expect(mail.parsed.text).toContain(`http://127.0.0.1:4000/reset-password?token=${token}`);
    // Once sent, the rendered payload (the only copy of the link) is gone.
    const rows = await waitFor(async () => {
      const r = await n.t.query<{ status: string; payload: unknown }>(
        `select status, payload from deliveries where user_id = ?::uuid and type = 'PASSWORD_RESET'`,
        [ana],
      );
      return r[0]?.status === 'SENT' && r;
    });
    expect(rows[0]!.payload).toBeNull();
    const everything = await n.t.query<{ t: string }>(
      `select coalesce(string_agg(title || body || data::text, ''), '') as t from notifications where user_id = ?::uuid`,
      [ana],
    );
    expect(everything[0]!.t).not.toContain(token);
  });

  it('skips email for a type the user turned off, keeps the in-app one', async () => {
    const ana = await n.register(newId(), 'pt-BR', 'ana.prefs@example.com');
    const client = n.as(ana);
    const prefs = await client.ok<{
      updateNotificationPreferences: {
        channels: { type: string; email: boolean; inApp: boolean }[];
      };
    }>(
      'mutation { updateNotificationPreferences(input: { channels: [{ type: INVOICE_CLOSED, email: false }] }) { channels { type email inApp } } }',
    );
    expect(
      prefs.updateNotificationPreferences.channels.find((c) => c.type === 'INVOICE_CLOSED'),
    ).toEqual({ type: 'INVOICE_CLOSED', email: false, inApp: true });
    await n.publish('cards.invoice.closed', ana, closed());
    const { nodes } = await inbox(client);
    const invoice = nodes.find((x) => x.type === 'INVOICE_CLOSED')!;
    expect(invoice.deliveries.map((d) => d.channel)).toEqual(['IN_APP']);
  });

  it('answers bad preferences with clear errors', async () => {
    const client = n.as(await n.register());
    const bad = async (input: string) => {
      const r = await client.request(
        `mutation { updateNotificationPreferences(input: { ${input} }) { dailySummary } }`,
      );
      return [r.errors?.[0]?.extensions?.['code'], r.errors?.[0]?.extensions?.['field']];
    };
    expect(await bad('quietHours: { start: "25:00", end: "07:00" }')).toEqual([
      'BAD_USER_INPUT',
      'quietHours',
    ]);
    expect(await bad('lowBalanceThreshold: "-5.00"')).toEqual([
      'BAD_USER_INPUT',
      'lowBalanceThreshold',
    ]);
    expect(await bad('whatsappNumber: "123"')).toEqual(['BAD_USER_INPUT', 'whatsappNumber']);
  });
});

describe('email when SMTP is down, and quiet hours', () => {
  it('retries with backoff and delivers once when the server comes back', async () => {
    const n = await startNotificationsForTest(
      'notifications_smtp_down',
      {
        RETRY_SCHEDULE_MS: [
          0, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
          200, 200,
        ],
        CHANNEL_TIMEOUT_MS: 1000,
      },
      { smtp: 'down' },
    );
    try {
      const ana = await n.register(newId(), 'pt-BR', 'ana.down@example.com');
      const failing = await waitFor(async () => {
        const { nodes } = await inbox(n.as(ana));
        const email = nodes[0]?.deliveries.find((d) => d.channel === 'EMAIL');
        return email && email.attempts >= 2 && email;
      });
      expect(failing.status).toBe('QUEUED');
      expect(failing.lastError).toMatch(/ECONNREFUSED|connect/i);
      await n.mail.start(n.smtpPort);
      await waitFor(() => mailsTo(n, 'ana.down@example.com').length === 1, { timeoutMs: 20_000 });
      const sent = await waitFor(async () => {
        const { nodes } = await inbox(n.as(ana));
        const email = nodes[0]?.deliveries.find((d) => d.channel === 'EMAIL');
        return email?.status === 'SENT' && email;
      });
      expect(sent.attempts).toBeGreaterThan(2);
      expect(mailsTo(n, 'ana.down@example.com')).toHaveLength(1);
    } finally {
      await n.stop();
    }
  });

  it('defers email to the end of quiet hours in the user time zone, never the in-app one', async () => {
    // 23:30 in São Paulo.
    const clock = new ManualClock('2026-03-06T02:30:00Z');
    const n = await startNotificationsForTest('notifications_quiet', {}, { clock });
    try {
      const ana = await n.register(newId(), 'pt-BR', 'ana.quiet@example.com');
      await n
        .as(ana)
        .ok(
          'mutation { updateNotificationPreferences(input: { quietHours: { start: "22:00", end: "07:00" } }) { quietHours { start end } } }',
        );
      await n.publish('cards.invoice.closed', ana, closed());
      const { nodes } = await inbox(n.as(ana));
      const invoice = nodes.find((x) => x.type === 'INVOICE_CLOSED')!;
      expect(invoice.deliveries.find((d) => d.channel === 'IN_APP')?.status).toBe('SENT');
      const rows = await n.t.query<{ next_attempt_at: Date; status: string }>(
        `select next_attempt_at, status from deliveries where notification_id = ?::uuid and channel = 'EMAIL'`,
        [invoice.id],
      );
      expect([new Date(rows[0]!.next_attempt_at).toISOString(), rows[0]!.status]).toEqual([
        '2026-03-06T10:00:00.000Z',
        'QUEUED',
      ]);
      // The welcome mail (transactional) went at once; the invoice waits for 07:00.
      await waitFor(() => mailsTo(n, 'ana.quiet@example.com').length === 1);
      expect(await n.subgraph.services.dispatcher.runOnce()).toBe(0);
      clock.set('2026-03-06T10:00:00Z');
      await waitFor(() => mailsTo(n, 'ana.quiet@example.com').length === 2);
      expect(mailsTo(n, 'ana.quiet@example.com')[1]!.parsed.subject).toBe('Fatura fechada');
    } finally {
      await n.stop();
    }
  });
});
