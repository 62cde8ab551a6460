import { newId } from '@saldo/kit';
import { errorCode, waitFor } from '@saldo/kit/testing';
import { inbox, startNotificationsForTest, type TestNotifications } from './helpers';

const invoice = (invoiceId: string, cardId: string) => ({
  invoiceId,
  cardId,
  month: '2026-03',
  status: 'CLOSED' as const,
  closingDate: '2026-03-10',
  dueDate: '2026-03-20',
  total: { amount: '1234.56', currency: 'BRL' },
  paidAmount: { amount: '0.00', currency: 'BRL' },
  pendingAmount: { amount: '0.00', currency: 'BRL' },
});

describe('the in-app inbox', () => {
  let n: TestNotifications;

  beforeAll(async () => {
    n = await startNotificationsForTest('notifications_inbox');
  });
  afterAll(async () => {
    await n?.stop();
  });

  it('welcomes a new user once, in their language, however often the event arrives', async () => {
    const ana = await n.register(newId(), 'pt-BR');
    const ann = await n.register(newId(), 'en');
    const anaInbox = await inbox(n.as(ana));
    expect(anaInbox.nodes.map((x) => [x.type, x.title])).toEqual([
      ['WELCOME', 'Bem-vindo ao Saldo'],
    ]);
    expect((await inbox(n.as(ann))).nodes.map((x) => x.title)).toEqual(['Welcome to Saldo']);
    expect(anaInbox.unread).toBe(1);
    // identity publishing the same registration again (a new event id) changes nothing.
    await n.register(ana, 'pt-BR');
    expect((await inbox(n.as(ana))).nodes).toHaveLength(1);
  });

  it('turns a closed invoice into one notification even when redelivered', async () => {
    const ana = await n.register();
    const cardId = newId();
    await n.publish('cards.card.created', ana, {
      card: {
        id: cardId,
        name: 'Nubank',
        brand: 'VISA',
        last4: '1234',
        currency: 'BRL',
        limit: { amount: '5000.00', currency: 'BRL' },
        closingDay: 10,
        dueDay: 20,
        liabilityAccountId: newId(),
        paymentAccountId: null,
        archived: false,
        version: 1,
      },
    });
    const invoiceId = newId();
    await n.publish('cards.invoice.closed', ana, invoice(invoiceId, cardId));
    await n.publish('cards.invoice.closed', ana, invoice(invoiceId, cardId));
    const { nodes } = await inbox(n.as(ana));
    const closed = nodes.filter((x) => x.type === 'INVOICE_CLOSED');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.title).toBe('Fatura Nubank fechada');
    expect(closed[0]!.body).toBe('A fatura de 03/2026 fechou em R$ 1.234,56, vence em 20/03/2026.');
    expect(closed[0]!.data).toMatchObject({ invoiceId, cardId });
    expect(closed[0]!.deliveries.map((d) => d.channel).sort()).toEqual(['EMAIL', 'IN_APP']);
  });

  it('says once when a monthly report is ready, in-app and without email', async () => {
    const ana = await n.register();
    const reportId = newId();
    const ready = {
      reportId,
      month: '2026-11',
      locale: 'pt-BR' as const,
      income: { amount: '5000.00', currency: 'BRL' },
      expense: { amount: '1260.00', currency: 'BRL' },
      net: { amount: '3740.00', currency: 'BRL' },
      alerts: 2,
    };
    await n.publish('ai.report.ready', ana, ready);
    await n.publish('ai.report.ready', ana, ready);
    const reports = (await inbox(n.as(ana))).nodes.filter((x) => x.type === 'REPORT_READY');
    expect(reports).toHaveLength(1);
    expect(reports[0]!.title).toBe('Relatório de 11/2026 pronto');
    expect(reports[0]!.body).toBe('Saldo do mês: R$ 3.740,00. 2 pontos de atenção.');
    expect(reports[0]!.data).toMatchObject({ reportId, month: '2026-11' });
    expect(reports[0]!.deliveries.map((d) => d.channel)).not.toContain('EMAIL');
  });

  it('tells once how an import ended: completed with counts, failed with the line and reason', async () => {
    const ana = await n.register(newId(), 'pt-BR');
    const ann = await n.register(newId(), 'en');
    const totals = { rows: 12, new: 10, duplicates: 2, excluded: 2, invalid: 0, imported: 10 };
    const job = (status: 'PREVIEW' | 'IMPORTING' | 'COMPLETED' | 'FAILED', jobId: string) => ({
      jobId,
      status,
      totals: status === 'COMPLETED' ? totals : { ...totals, imported: 0 },
      progress: status === 'PREVIEW' ? 0 : 1,
      updatedAt: new Date().toISOString(),
      filename: 'extrato-nubank.ofx',
      failure: status === 'FAILED' ? { line: 3, message: 'not a statement file' } : null,
    });
    const done = newId();
    await n.publish('import.job.updated', ana, job('PREVIEW', done));
    await n.publish('import.job.updated', ana, job('IMPORTING', done));
    await n.publish('import.job.updated', ana, job('COMPLETED', done));
    await n.publish('import.job.updated', ana, job('COMPLETED', done));
    await n.publish('import.job.updated', ann, job('FAILED', newId()));
    const mine = (await inbox(n.as(ana))).nodes.filter((x) => x.type.startsWith('IMPORT_'));
    expect(mine.map((x) => [x.type, x.title, x.body])).toEqual([
      [
        'IMPORT_COMPLETED',
        'Importação concluída',
        'extrato-nubank.ofx: 10 lançamentos importados, 2 duplicados ignorados.',
      ],
    ]);
    expect(mine[0]!.data).toMatchObject({ jobId: done, status: 'COMPLETED' });
    expect(mine[0]!.deliveries.map((d) => d.channel)).not.toContain('EMAIL');
    const theirs = (await inbox(n.as(ann))).nodes.filter((x) => x.type.startsWith('IMPORT_'));
    expect(theirs.map((x) => [x.type, x.body])).toEqual([
      ['IMPORT_FAILED', 'extrato-nubank.ofx could not be imported (line 3): not a statement file'],
    ]);
    expect(theirs[0]!.deliveries.map((d) => d.channel)).toContain('EMAIL');
  });

  it('alerts once per budget and month', async () => {
    const ana = await n.register();
    const categoryId = newId();
    const exceeded = (spent: string, month = '2026-03') => ({
      categoryId,
      month,
      limit: { amount: '500.00', currency: 'BRL' },
      spent: { amount: spent, currency: 'BRL' },
    });
    await n.publish('ledger.budget.exceeded', ana, exceeded('510.00'));
    await n.publish('ledger.budget.exceeded', ana, exceeded('620.00'));
    await n.publish('ledger.budget.exceeded', ana, exceeded('505.00', '2026-04'));
    const budgets = (await inbox(n.as(ana))).nodes.filter((x) => x.type === 'BUDGET_EXCEEDED');
    expect(budgets.map((b) => b.data['month'])).toEqual(['2026-04', '2026-03']);
  });

  it('warns once when a checking account goes under the threshold, again only after it recovers', async () => {
    const ana = await n.register();
    const client = n.as(ana);
    await client.ok(
      'mutation { updateNotificationPreferences(input: { lowBalanceThreshold: "100.00" }) { lowBalanceThreshold } }',
    );
    const accountId = newId();
    const cardAccount = newId();
    const account = (id: string, type: 'CHECKING' | 'CREDIT_CARD', name: string) => ({
      account: {
        id,
        userId: ana,
        name,
        type,
        currency: 'BRL',
        initialBalance: { amount: '0.00', currency: 'BRL' },
        allowNegative: true,
        archived: false,
        externalId: null,
      },
    });
    await n.publish('ledger.account.created', ana, account(accountId, 'CHECKING', 'Conta Itaú'));
    await n.publish('ledger.account.created', ana, account(cardAccount, 'CREDIT_CARD', 'Cartão'));
    const balance = (id: string, amount: string) => ({
      accountId: id,
      balance: { amount, currency: 'BRL' },
      delta: { amount: '-1.00', currency: 'BRL' },
      entryId: null,
    });
    for (const amount of ['150.00', '90.00', '80.00', '120.00', '50.00'])
      await n.publish('ledger.balance.changed', ana, balance(accountId, amount));
    await n.publish('ledger.balance.changed', ana, balance(cardAccount, '-900.00'));
    const low = (await inbox(client)).nodes.filter((x) => x.type === 'LOW_BALANCE');
    expect(low.map((x) => x.body)).toEqual([
      'O saldo de Conta Itaú está em R$ 50,00, abaixo do seu limite de R$ 100,00.',
      'O saldo de Conta Itaú está em R$ 90,00, abaixo do seu limite de R$ 100,00.',
    ]);
  });

  it('keeps the password-reset token out of the inbox', async () => {
    const ana = await n.register();
    const token = 'tok_' + 'x'.repeat(40);
    await n.publish('identity.password_reset.requested', ana, {
      userId: ana,
      email: 'ana@example.com',
      name: 'Ana',
      locale: 'pt-BR',
      token,
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });
    const { nodes } = await inbox(n.as(ana));
    expect(nodes.map((x) => x.type)).toEqual(['WELCOME']);
    expect(JSON.stringify(nodes)).not.toContain(token);
  });

  it('marks read, counts, pages and deletes only your own, never another user', async () => {
    const ana = await n.register();
    const bob = await n.register();
    for (let i = 0; i < 3; i += 1)
      await n.publish('cards.invoice.closed', ana, invoice(newId(), newId()));
    const anaClient = n.as(ana);
    const bobClient = n.as(bob);
    const mine = await inbox(anaClient);
    expect(mine.nodes).toHaveLength(4);
    expect(mine.unread).toBe(4);
    const first = mine.nodes[0]!.id;
    // Bob cannot read, mark or delete Ana's.
    expect(
      errorCode(
        await bobClient.request('mutation($id: ID!) { markNotificationRead(id: $id) { id } }', {
          id: first,
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await bobClient.request('mutation($id: ID!) { deleteNotification(id: $id) }', {
          id: first,
        }),
      ),
    ).toBe('NOT_FOUND');
    expect((await inbox(bobClient)).nodes.map((x) => x.type)).toEqual(['WELCOME']);
    expect(await bobClient.ok('mutation { markAllNotificationsRead }')).toEqual({
      markAllNotificationsRead: 1,
    });
    expect((await inbox(anaClient)).unread).toBe(4);

    const read = await anaClient.ok<{ markNotificationRead: { readAt: string | null } }>(
      'mutation($id: ID!) { markNotificationRead(id: $id) { readAt } }',
      { id: first },
    );
    expect(read.markNotificationRead.readAt).not.toBeNull();
    expect((await inbox(anaClient, true)).nodes.map((x) => x.id)).not.toContain(first);
    const page1 = await anaClient.ok<{
      notifications: {
        edges: { node: { id: string } }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    }>('{ notifications(first: 3) { edges { node { id } } pageInfo { endCursor hasNextPage } } }');
    expect(page1.notifications.pageInfo.hasNextPage).toBe(true);
    const page2 = await anaClient.ok<{
      notifications: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } };
    }>(
      'query($after: String) { notifications(first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }',
      { after: page1.notifications.pageInfo.endCursor },
    );
    expect(
      [...page1.notifications.edges, ...page2.notifications.edges].map((e) => e.node.id),
    ).toEqual(mine.nodes.map((x) => x.id));
    expect(
      await anaClient.ok('mutation($id: ID!) { deleteNotification(id: $id) }', { id: first }),
    ).toEqual({ deleteNotification: true });
    expect(await anaClient.ok('mutation { markAllNotificationsRead }')).toEqual({
      markAllNotificationsRead: 3,
    });
    expect((await inbox(anaClient)).unread).toBe(0);
    expect(errorCode(await n.t.client.as(null).request('{ unreadNotificationCount }'))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('erases everything of a user on identity.user.deleted', async () => {
    const ana = await n.register();
    const bob = await n.register();
    await n.publish('cards.invoice.closed', ana, invoice(newId(), newId()));
    await n.publish('identity.user.deleted', ana, { userId: ana });
    expect((await inbox(n.as(ana))).nodes).toEqual([]);
    const left = await n.t.query<{ n: string }>(
      `select (select count(*) from notifications where user_id = ?::uuid)
        + (select count(*) from deliveries where user_id = ?::uuid)
        + (select count(*) from user_profiles where user_id = ?::uuid) as n`,
      [ana, ana, ana],
    );
    expect(Number(left[0]!.n)).toBe(0);
    expect((await inbox(n.as(bob))).nodes).toHaveLength(1);
  });

  it('publishes each stored notification for the live subscription', async () => {
    const ana = await n.register();
    const rows = await waitFor(async () => {
      const r = await n.t.query<{ envelope: string }>(
        `select envelope from kit_outbox where user_id = ?::uuid and subject = 'notifications.notification.created'`,
        [ana],
      );
      return r.length > 0 && r;
    });
    const envelope = JSON.parse(rows[0]!.envelope) as { data: { notification: { type: string } } };
    expect(envelope.data.notification.type).toBe('WELCOME');
  });
});
