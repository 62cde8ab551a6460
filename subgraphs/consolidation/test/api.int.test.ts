import { newId, Scope } from '@saldo/kit';
import { errorCode, publishedEvents, publishEvents } from '@saldo/kit/testing';
import { accountEvent, entryEvent, userDeleted } from './ledger-events';
import {
  ADMIN,
  caughtUp,
  cashFlow,
  consolidation,
  dailyBalances,
  DAYS,
  startHarness,
  type Harness,
} from './helpers';

let h: Harness;
const ana = newId();
const bia = newId();
let anasAccount: string;

beforeAll(async () => {
  h = await startHarness();
  const account = accountEvent(ana, { initialBalance: '50.00' });
  anasAccount = account.id;
  await publishEvents(
    h.publisher,
    [
      account.event,
      entryEvent({ userId: ana, date: '2026-01-10', postings: [[account.id, '-12.50']] }),
      entryEvent({ userId: ana, date: '2026-01-10', postings: [[account.id, '100.00']] }),
    ],
    { inOrder: true },
  );
  await caughtUp(h.subgraph);
});
afterAll(async () => {
  await h?.cleanup();
});

const BALANCES = `query($r: [_Any!]!, $from: LocalDate!, $to: LocalDate!) {
  _entities(representations: $r) { ... on Account { dailyBalances(from: $from, to: $to) { ${DAYS} } } } }`;
const balancesOf = (id: string, from: string, to: string) => ({
  r: [{ __typename: 'Account', id }],
  from,
  to,
});

describe('isolation between users', () => {
  it('resolves an account only for its owner: another user gets null', async () => {
    expect(await dailyBalances(h, ana, anasAccount, '2026-01-10', '2026-01-10')).toHaveLength(1);
    expect(await dailyBalances(h, bia, anasAccount, '2026-01-10', '2026-01-10')).toBeNull();
    expect(await cashFlow(h, bia, { from: '2026-01-01', to: '2026-01-31' })).toEqual([]);
    const foreignUser = await h.client
      .as(bia)
      .ok<{ _entities: unknown[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }`,
        { r: [{ __typename: 'User', id: ana }] },
      );
    expect(foreignUser._entities).toEqual([null]);
  });

  it('shows each user only their own day', async () => {
    expect((await consolidation(h, ana, '2026-01-10'))?.entryCount).toBe(2);
    expect((await consolidation(h, bia, '2026-01-10'))?.entryCount).toBe(0);
  });
});

describe('bad input and access', () => {
  it('refuses from after to, and ranges over 366 days, with BAD_USER_INPUT', async () => {
    const client = h.client.as(ana);
    const reversed = await client.request(
      BALANCES,
      balancesOf(anasAccount, '2026-02-01', '2026-01-01'),
    );
    expect(errorCode(reversed)).toBe('BAD_USER_INPUT');
    expect(reversed.errors?.[0]?.message).toBe('"from" must not be after "to"');
    const long = await client.request(
      BALANCES,
      balancesOf(anasAccount, '2025-01-01', '2026-01-02'),
    );
    expect(errorCode(long)).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0]?.extensions).toMatchObject({ maxDays: 366 });
    expect(await dailyBalances(h, ana, anasAccount, '2025-01-01', '2026-01-01')).toHaveLength(366);
    const flow = await client.request(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User {
         cashFlow(from: "2020-01-01", to: "2026-01-01") { start } } } }`,
      { r: [{ __typename: 'User', id: ana }] },
    );
    expect(errorCode(flow)).toBe('BAD_USER_INPUT');
  });

  it('refuses dates that do not exist', async () => {
    const bad = await h.client
      .as(ana)
      .request(BALANCES, balancesOf(anasAccount, '2026-02-30', '2026-03-01'));
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });

  it('needs ledger:read to read, ledger:write to close, admin to rebuild, and a user', async () => {
    const q = `{ consolidation(date: "2026-01-10") { status } }`;
    expect(errorCode(await h.client.as(ana, [Scope.PROFILE]).request(q))).toBe('FORBIDDEN');
    expect(errorCode(await h.client.as(null).request(q))).toBe('UNAUTHENTICATED');
    expect(errorCode(await h.client.request(q))).toBe('UNAUTHENTICATED');
    const close = `mutation { consolidate(date: "2026-01-10") { status } }`;
    expect(errorCode(await h.client.as(ana, [Scope.LEDGER_READ]).request(close))).toBe('FORBIDDEN');
    const rebuild = `mutation { rebuildProjection { id } }`;
    expect(errorCode(await h.client.as(ana).request(rebuild))).toBe('FORBIDDEN');
    const lookup = `{ projectionRebuild(id: "not-a-uuid") { id } }`;
    expect(await h.client.as(ana, ADMIN).ok(lookup)).toEqual({ projectionRebuild: null });
  });
});

describe('daily balance events and the live field', () => {
  it('publishes one update per changed account-day, with the numbers as they stand', async () => {
    await h.subgraph.services.emitter.runOnce();
    const events = (
      await publishedEvents(h, { type: 'consolidation.daily_balance.updated' })
    ).filter((e) => e.data.accountId === anasAccount);
    expect(events.map((e) => e.data)).toEqual([
      {
        accountId: anasAccount,
        date: '2026-01-10',
        opening: { amount: '50.00', currency: 'BRL' },
        credits: { amount: '100.00', currency: 'BRL' },
        debits: { amount: '12.50', currency: 'BRL' },
        closing: { amount: '137.50', currency: 'BRL' },
        entryCount: 2,
      },
    ]);
    expect(await h.subgraph.services.emitter.runOnce()).toBe(0);
  });

  it('turns an event into the subscription payload for the router, for its owner only', async () => {
    const [event] = (
      await publishedEvents(h, { type: 'consolidation.daily_balance.updated' })
    ).filter((e) => e.data.accountId === anasAccount);
    const q = `query($e: String!) { _live_dailyBalanceUpdated(event: $e) { accountId date closing { amount } account { id } } }`;
    const payload = await h.client.as(ana, [Scope.ROUTER]).ok(q, { e: JSON.stringify(event) });
    expect(payload).toEqual({
      _live_dailyBalanceUpdated: {
        accountId: anasAccount,
        date: '2026-01-10',
        closing: { amount: '137.50' },
        account: { id: anasAccount },
      },
    });
    expect(
      errorCode(await h.client.as(bia, [Scope.ROUTER]).request(q, { e: JSON.stringify(event) })),
    ).toBe('FORBIDDEN');
  });
});

describe('right to erasure', () => {
  it('erases the user’s projection and ignores its late ledger events', async () => {
    const user = newId();
    const account = accountEvent(user);
    await publishEvents(
      h.publisher,
      [
        account.event,
        entryEvent({ userId: user, date: '2026-01-05', postings: [[account.id, '9.00']] }),
      ],
      { inOrder: true },
    );
    await caughtUp(h.subgraph);
    expect(await dailyBalances(h, user, account.id, '2026-01-05', '2026-01-05')).toHaveLength(1);
    await publishEvents(h.publisher, [userDeleted(user)]);
    await caughtUp(h.subgraph);
    await publishEvents(h.publisher, [
      entryEvent({ userId: user, date: '2026-01-06', postings: [[account.id, '1.00']] }),
    ]);
    await caughtUp(h.subgraph);
    expect(await dailyBalances(h, user, account.id, '2026-01-05', '2026-01-06')).toBeNull();
    const left = await h.query<{ n: string }>(
      `select (select count(*) from proj_1.entries where user_id = ?)
            + (select count(*) from proj_1.accounts where user_id = ?)
            + (select count(*) from days where user_id = ?)
            + (select count(*) from users where id = ?) as n`,
      [user, user, user, user],
    );
    expect(Number(left[0]?.n)).toBe(0);
  });
});
