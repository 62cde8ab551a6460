import { query } from '@saldo/kit';
import { errorCode } from '@saldo/kit/testing';
import { RecurrenceScheduler } from '../src/recurrences/recurrence.scheduler';
import { startLedgerForTest, type Api, type Ledger } from './harness';

const CREATE = `mutation($input: CreateRecurrenceInput!) {
  createRecurrence(input: $input) { id status nextDate } }`;

interface Occurrence extends Record<string, unknown> {
  date: string;
  status: string;
  occurrence_date: string;
}

describe('recurrences', () => {
  let ledger: Ledger;
  let ana: Api;
  let account: string;
  let scheduler: RecurrenceScheduler;

  beforeAll(async () => {
    ledger = await startLedgerForTest('ledger_recurrences');
    // UTC, so that the tests' "today" (UTC) is also the caller's.
    ana = ledger.as(undefined, 'UTC');
    account = (await ana.account({ initialBalance: '10000' })).id;
    scheduler = ledger.services.scheduler;
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  const create = async (input: Record<string, unknown>) =>
    (
      await ana.ok<{ createRecurrence: { id: string; status: string; nextDate: string | null } }>(
        CREATE,
        {
          input: { kind: 'EXPENSE', accountId: account, amount: '10', ...input },
        },
      )
    ).createRecurrence;

  const occurrences = (id: string) =>
    query<Occurrence>(
      ledger.em(),
      `select date::text, status, occurrence_date::text from entries
        where recurrence_id = ?::uuid and deleted_at is null order by occurrence_date`,
      [id],
    );

  it('clamps monthly occurrences to month ends, leap years included', async () => {
    const r = await create({ frequency: 'MONTHLY', startDate: '2024-01-31', count: 5 });
    expect((await occurrences(r.id)).map((o) => o.date)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
    ]);
    expect(r).toMatchObject({ status: 'FINISHED', nextDate: null });
    const yearly = await create({
      frequency: 'YEARLY',
      startDate: '2020-02-29',
      endDate: '2024-12-31',
    });
    expect((await occurrences(yearly.id)).map((o) => o.date)).toEqual([
      '2020-02-29',
      '2021-02-28',
      '2022-02-28',
      '2023-02-28',
      '2024-02-29',
    ]);
  });

  it('applies the weekend policy and a day of month', async () => {
    const r = await create({
      frequency: 'MONTHLY',
      startDate: '2024-06-01',
      dayOfMonth: 30,
      count: 3,
      weekendPolicy: 'PREVIOUS_BUSINESS_DAY',
    });
    // 2024-06-30 is a Sunday, 2024-08-30 a Friday.
    expect(await occurrences(r.id)).toEqual([
      { date: '2024-06-28', status: 'POSTED', occurrence_date: '2024-06-30' },
      { date: '2024-07-30', status: 'POSTED', occurrence_date: '2024-07-30' },
      { date: '2024-08-30', status: 'POSTED', occurrence_date: '2024-08-30' },
    ]);
  });

  it('materialises ahead as pending, posts on the day, and never twice', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const r = await create({ frequency: 'DAILY', startDate: today, interval: 7 });
    const before = await occurrences(r.id);
    expect(before.length).toBeGreaterThanOrEqual(5);
    expect(before.filter((o) => o.status === 'PENDING').length).toBeGreaterThanOrEqual(4);
    // Two schedulers at once, 20 days later: more occurrences, each exactly once.
    const later = new Date(Date.now() + 20 * 86_400_000);
    const other = new RecurrenceScheduler(
      ledger.t.subgraph.orm,
      ledger.t.subgraph.log,
      ledger.services,
    );
    await Promise.all([scheduler.runOnce(later), other.runOnce(later)]);
    await scheduler.runOnce(later);
    const after = await occurrences(r.id);
    const dates = after.map((o) => o.occurrence_date);
    expect(new Set(dates).size).toBe(dates.length);
    expect(after.length).toBeGreaterThan(before.length);
    const laterDay = later.toISOString().slice(0, 10);
    expect(after.filter((o) => o.date <= laterDay).every((o) => o.status === 'POSTED')).toBe(true);
    expect(after.filter((o) => o.date > laterDay).every((o) => o.status === 'PENDING')).toBe(true);
  });

  it('rewrites pending occurrences on update and withdraws them on cancel', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const r = await create({ frequency: 'WEEKLY', startDate: today, autoPost: false });
    const updated = await ana.ok<{ updateRecurrence: { amount: { amount: string } } }>(
      'mutation($id: ID!) { updateRecurrence(id: $id, input: { amount: "25.50" }) { amount { amount } } }',
      { id: r.id },
    );
    expect(updated.updateRecurrence.amount.amount).toBe('25.50');
    const amounts = await query<{ amount: string }>(
      ledger.em(),
      `select distinct amount from entries where recurrence_id = ?::uuid and deleted_at is null and date > ?::date`,
      [r.id, today],
    );
    expect(amounts).toEqual([{ amount: '2550' }]);
    await ana.ok('mutation($id: ID!) { cancelRecurrence(id: $id) { status } }', { id: r.id });
    const left = await occurrences(r.id);
    expect(left.every((o) => o.date <= today)).toBe(true);
    const again = await ana.request(
      'mutation($id: ID!) { updateRecurrence(id: $id, input: { amount: "1" }) { id } }',
      {
        id: r.id,
      },
    );
    expect(errorCode(again)).toBe('INVALID_STATE');
  });

  it('pauses a recurrence whose account was archived, with the reason', async () => {
    const other = (await ana.account({ name: 'Temporária' })).id;
    const today = new Date().toISOString().slice(0, 10);
    const r = await create({ frequency: 'MONTHLY', startDate: today, accountId: other });
    await ana.ok('mutation($id: ID!) { archiveAccount(id: $id) { id } }', { id: other });
    const result = await scheduler.runOnce(new Date(Date.now() + 70 * 86_400_000));
    expect(result.failed).toBeGreaterThanOrEqual(1);
    const list = await ana.ok<{ recurrences: { id: string; status: string; lastError: string }[] }>(
      '{ recurrences { id status lastError } }',
    );
    expect(list.recurrences.find((x) => x.id === r.id)).toEqual({
      id: r.id,
      status: 'PAUSED',
      lastError: 'The account is archived',
    });
  });

  it('rejects rules that make no sense', async () => {
    const bad = await ana.request(CREATE, {
      input: {
        kind: 'EXPENSE',
        accountId: account,
        amount: '1',
        frequency: 'WEEKLY',
        startDate: '2024-01-01',
        dayOfMonth: 3,
      },
    });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.['field']).toBe('dayOfMonth');
  });
});
