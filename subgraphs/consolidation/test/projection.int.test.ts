import { newId, type Envelope } from '@saldo/kit';
import { accountEvent, entryEvent, type EntrySpec } from './ledger-events';
import { publishEvents } from '@saldo/kit/testing';
import { caughtUp, cashFlow, dailyBalances, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

/** The same story for any user: versions, a move to another day, a delete, a pending bill. */
function story(userId: string, accountId: string) {
  const e = (spec: Omit<EntrySpec, 'userId'>) => ({ userId, ...spec });
  const [a, b, c, d] = [newId(), newId(), newId(), newId()];
  return [
    accountEvent(userId, { id: accountId, initialBalance: '100.00' }).event,
    entryEvent(e({ id: a, date: '2026-01-10', postings: [[accountId, '-12.34']] })),
    entryEvent(e({ id: a, version: 2, date: '2026-01-10', postings: [[accountId, '-20.00']] })),
    entryEvent(e({ id: a, version: 3, date: '2026-01-11', postings: [[accountId, '-25.00']] })),
    entryEvent(e({ id: b, date: '2026-01-10', postings: [[accountId, '500.00']] })),
    entryEvent(e({ id: c, date: '2026-01-12', postings: [[accountId, '-7.00']] })),
    entryEvent(e({ id: c, version: 2, date: '2026-01-12', postings: [], deleted: true })),
    entryEvent(
      e({ id: d, date: '2026-01-12', postings: [[accountId, '-99.00']], status: 'PENDING' }),
    ),
    entryEvent(e({ id: d, version: 2, date: '2026-01-13', postings: [[accountId, '-99.00']] })),
  ];
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same event again under a new envelope id: the inbox cannot catch it, versions must. */
const reissued = (e: Envelope): Envelope => ({ ...e, id: newId() });

describe('projection of the LEDGER stream', () => {
  it('keeps each day: opening, credits, debits, closing, entry count, days without entries included', async () => {
    const user = newId();
    const account = newId();
    await publishEvents(h.publisher, story(user, account), { inOrder: true });
    await caughtUp(h.subgraph);
    const days = await dailyBalances(h, user, account, '2026-01-09', '2026-01-14');
    expect(
      days?.map((d) => [
        d.date,
        d.opening.amount,
        d.credits.amount,
        d.debits.amount,
        d.closing.amount,
        d.entryCount,
      ]),
    ).toEqual([
      ['2026-01-09', '100.00', '0.00', '0.00', '100.00', 0],
      ['2026-01-10', '100.00', '500.00', '0.00', '600.00', 1],
      ['2026-01-11', '600.00', '0.00', '25.00', '575.00', 1],
      ['2026-01-12', '575.00', '0.00', '0.00', '575.00', 0],
      ['2026-01-13', '575.00', '0.00', '99.00', '476.00', 1],
      ['2026-01-14', '476.00', '0.00', '0.00', '476.00', 0],
    ]);
    expect(days?.[0]?.opening.currency).toBe('BRL');
  });

  it('gives the same projection whatever the order of versions and however often they come', async () => {
    const [inOrder, scrambled] = [newId(), newId()];
    const [acc1, acc2] = [newId(), newId()];
    await publishEvents(h.publisher, story(inOrder, acc1), { inOrder: true });
    const events = story(scrambled, acc2);
    // Shuffled; some re-sent under their own id (JetStream drops them), some under a new id.
    await publishEvents(
      h.publisher,
      shuffled([...events, ...events.slice(1, 4), ...events.slice(4).map(reissued)], 7),
      { inOrder: true },
    );
    await caughtUp(h.subgraph);
    const strip = (rows: unknown) => JSON.stringify(rows);
    expect(strip(await dailyBalances(h, scrambled, acc2, '2026-01-01', '2026-01-31'))).toBe(
      strip(await dailyBalances(h, inOrder, acc1, '2026-01-01', '2026-01-31')),
    );
    const range = { from: '2026-01-01', to: '2026-01-31', groupBy: 'WEEK' as const };
    expect(await cashFlow(h, scrambled, range)).toEqual(await cashFlow(h, inOrder, range));
  });

  it('moves every later opening and closing when an entry is backdated', async () => {
    const user = newId();
    const account = newId();
    await publishEvents(
      h.publisher,
      [
        accountEvent(user, { id: account }).event,
        entryEvent({ userId: user, date: '2026-02-10', postings: [[account, '10.00']] }),
        entryEvent({ userId: user, date: '2026-02-20', postings: [[account, '5.00']] }),
      ],
      { inOrder: true },
    );
    await caughtUp(h.subgraph);
    await publishEvents(h.publisher, [
      entryEvent({ userId: user, date: '2026-02-01', postings: [[account, '-3.00']] }),
    ]);
    await caughtUp(h.subgraph);
    const days = await dailyBalances(h, user, account, '2026-01-31', '2026-02-28');
    const on = (date: string) => days?.find((d) => d.date === date);
    expect(on('2026-01-31')?.closing.amount).toBe('0.00');
    expect(on('2026-02-01')?.closing.amount).toBe('-3.00');
    expect(on('2026-02-10')?.opening.amount).toBe('-3.00');
    expect(on('2026-02-10')?.closing.amount).toBe('7.00');
    expect(on('2026-02-28')?.closing.amount).toBe('12.00');
  });

  it('nets transfers per currency in the cash flow while both accounts move', async () => {
    const user = newId();
    const [checking, savings, dollars] = [newId(), newId(), newId()];
    await publishEvents(
      h.publisher,
      [
        accountEvent(user, { id: checking }).event,
        accountEvent(user, { id: savings }).event,
        accountEvent(user, { id: dollars, currency: 'USD' }).event,
        entryEvent({ userId: user, date: '2026-03-02', postings: [[checking, '1000.00']] }),
        entryEvent({
          userId: user,
          date: '2026-03-03',
          kind: 'TRANSFER',
          postings: [
            [checking, '-300.00'],
            [savings, '300.00'],
          ],
        }),
        entryEvent({
          userId: user,
          date: '2026-03-04',
          kind: 'TRANSFER',
          postings: [
            [checking, '-550.00'],
            [dollars, '100.00', 'USD'],
          ],
        }),
      ],
      { inOrder: true },
    );
    await caughtUp(h.subgraph);
    const flow = await cashFlow(h, user, {
      from: '2026-03-01',
      to: '2026-03-31',
      groupBy: 'MONTH',
    });
    expect(
      flow?.map((p) => [p.currency, p.credits.amount, p.debits.amount, p.net.amount, p.entryCount]),
    ).toEqual([
      ['BRL', '1000.00', '550.00', '450.00', 3],
      ['USD', '100.00', '0.00', '100.00', 0],
    ]);
    const savingsDays = await dailyBalances(h, user, savings, '2026-03-03', '2026-03-03');
    expect(savingsDays?.[0]).toMatchObject({
      credits: { amount: '300.00' },
      closing: { amount: '300.00' },
    });
    const usd = await dailyBalances(h, user, dollars, '2026-03-04', '2026-03-04');
    expect(usd?.[0]).toMatchObject({ opening: { currency: 'USD' }, closing: { amount: '100.00' } });
  });
});

describe('projection from concurrent batches', () => {
  const users = Array.from({ length: 12 }, () => ({ user: newId(), account: newId() }));
  let backlog: Harness;

  beforeAll(async () => {
    // A backlog of scrambled and repeated stories, consumed in batches of 4, up to 4 at once:
    // versions of one entry land in batches that commit in any order.
    const events = users.flatMap(({ user, account }, i) => {
      const s = story(user, account);
      return shuffled([...s, ...s.slice(4).map(reissued)], i + 1);
    });
    backlog = await startHarness(
      { CONSUMER_BATCH_SIZE: 4, CONSUMER_CONCURRENCY: 4 },
      undefined,
      shuffled(events, 99),
    );
  });
  afterAll(async () => {
    await backlog?.cleanup();
  });

  it('gives every user the same days as in-order delivery', async () => {
    await caughtUp(backlog.subgraph);
    for (const { user, account } of users) {
      const days = await dailyBalances(backlog, user, account, '2026-01-10', '2026-01-13');
      expect(days?.map((d) => [d.date, d.closing.amount, d.entryCount])).toEqual([
        ['2026-01-10', '600.00', 1],
        ['2026-01-11', '575.00', 1],
        ['2026-01-12', '575.00', 0],
        ['2026-01-13', '476.00', 1],
      ]);
    }
  });
});
