import { errorCode, publishedEvents, publishEvents } from '@saldo/kit/testing';
import { newId } from '@saldo/kit';
import { accountEvent, entryEvent, userEvent } from './ledger-events';
import { caughtUp, consolidation, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

const CONSOLIDATE = `mutation($d: LocalDate!) { consolidate(date: $d) { status closedAt history { action } } }`;

/** A user in a time zone with an account and one entry on `date` (their local day). */
async function resident(timeZone: string, date: string) {
  const user = newId();
  const account = accountEvent(user);
  await publishEvents(
    h.publisher,
    [
      userEvent(user, timeZone),
      account.event,
      entryEvent({ userId: user, date, postings: [[account.id, '-10.00']] }),
    ],
    { inOrder: true },
  );
  return { user, account: account.id };
}

describe('daily close', () => {
  it('closes the previous day at 08:30 in each user’s own time zone, and only then', async () => {
    const sp = await resident('America/Sao_Paulo', '2026-01-14');
    const tokyo = await resident('Asia/Tokyo', '2026-01-14');
    const kolkata = await resident('Asia/Kolkata', '2026-01-14');
    await caughtUp(h.subgraph);
    h.clock.set('2026-01-15T11:29:00Z'); // 08:29 in Sao Paulo, 20:29 in Tokyo, 16:59 in Kolkata
    await h.subgraph.services.closer.tick();
    expect((await consolidation(h, sp.user, '2026-01-14', 'America/Sao_Paulo'))?.status).toBe(
      'OPEN',
    );
    expect((await consolidation(h, tokyo.user, '2026-01-14', 'Asia/Tokyo'))?.status).toBe('CLOSED');
    expect((await consolidation(h, kolkata.user, '2026-01-14', 'Asia/Kolkata'))?.status).toBe(
      'CLOSED',
    );
    h.clock.set('2026-01-15T11:30:00Z');
    await h.subgraph.services.closer.tick();
    const day = await consolidation(h, sp.user, '2026-01-14', 'America/Sao_Paulo');
    expect(day).toMatchObject({
      status: 'CLOSED',
      closedAt: '2026-01-15T11:30:00.000Z',
      entryCount: 1,
      debits: [{ amount: '10.00', currency: 'BRL' }],
      history: [{ action: 'CLOSED', entryCount: 1 }],
    });
    const closed = (await publishedEvents(h, { type: 'consolidation.day.closed' })).filter(
      (e) => e.userId === sp.user && e.data.date === '2026-01-14',
    );
    expect(closed.map((e) => e.data)).toEqual([
      expect.objectContaining({ date: '2026-01-14', closeCount: 1, entryCount: 1 }),
    ]);
  });

  it('follows local midnight: late evening in Sao Paulo is already tomorrow in UTC and Tokyo', async () => {
    const sp = await resident('America/Sao_Paulo', '2026-02-09');
    const tokyo = await resident('Asia/Tokyo', '2026-02-09');
    await caughtUp(h.subgraph);
    h.clock.set('2026-02-10T02:30:00Z'); // 23:30 on the 9th in Sao Paulo, 11:30 on the 10th in Tokyo
    await h.subgraph.services.closer.tick();
    expect((await consolidation(h, sp.user, '2026-02-09', 'America/Sao_Paulo'))?.status).toBe(
      'OPEN',
    );
    expect((await consolidation(h, tokyo.user, '2026-02-09', 'Asia/Tokyo'))?.status).toBe('CLOSED');
    // The 10th has not begun in Sao Paulo yet; the 9th has not ended.
    expect(await consolidation(h, sp.user, '2026-02-10', 'America/Sao_Paulo')).toBeNull();
    const early = await h.client
      .as(sp.user, undefined, 'America/Sao_Paulo')
      .request(CONSOLIDATE, { d: '2026-02-09' });
    expect(errorCode(early)).toBe('INVALID_STATE');
  });

  it('reopens a closed day for a backdated entry, records both, and closes it again after the settle delay', async () => {
    const sp = await resident('America/Sao_Paulo', '2026-03-01');
    await caughtUp(h.subgraph);
    h.clock.set('2026-03-02T12:00:00Z');
    await h.subgraph.services.closer.tick();
    h.clock.set('2026-03-05T15:00:00Z');
    await publishEvents(h.publisher, [
      entryEvent({ userId: sp.user, date: '2026-03-01', postings: [[sp.account, '-5.00']] }),
    ]);
    await caughtUp(h.subgraph);
    const reopened = await consolidation(h, sp.user, '2026-03-01', 'America/Sao_Paulo');
    expect(reopened).toMatchObject({
      status: 'REOPENED',
      reopenedAt: '2026-03-05T15:00:00.000Z',
      entryCount: 2,
      debits: [{ amount: '15.00' }],
      history: [
        { action: 'CLOSED', entryCount: 1 },
        { action: 'REOPENED', entryCount: null },
      ],
    });
    const events = (await publishedEvents(h, { type: 'consolidation.day.reopened' })).filter(
      (e) => e.userId === sp.user,
    );
    expect(events.map((e) => e.data.date)).toEqual(['2026-03-01']);
    await h.subgraph.services.closer.tick(); // the reopen has not settled yet
    expect((await consolidation(h, sp.user, '2026-03-01', 'America/Sao_Paulo'))?.status).toBe(
      'REOPENED',
    );
    h.clock.set('2026-03-05T15:31:00Z');
    await h.subgraph.services.closer.tick();
    const again = await consolidation(h, sp.user, '2026-03-01', 'America/Sao_Paulo');
    expect(again?.status).toBe('CLOSED');
    expect(again?.history.map((r) => [r.action, r.entryCount])).toEqual([
      ['CLOSED', 1],
      ['REOPENED', null],
      ['CLOSED', 2],
    ]);
    const closes = (await publishedEvents(h, { type: 'consolidation.day.closed' })).filter(
      (e) => e.userId === sp.user && e.data.date === '2026-03-01',
    );
    expect(closes.map((e) => e.data.closeCount)).toEqual([1, 2]);
  });

  it('waits for the projection to catch up before closing', async () => {
    const sp = await resident('America/Sao_Paulo', '2026-04-01');
    await caughtUp(h.subgraph);
    await h.subgraph.consumer!.stop();
    await publishEvents(h.publisher, [
      entryEvent({ userId: sp.user, date: '2026-04-01', postings: [[sp.account, '1.00']] }),
    ]);
    h.clock.set('2026-04-02T12:00:00Z');
    expect(await h.subgraph.services.closer.tick()).toEqual({ closed: 0, skipped: 'catching up' });
    const refused = await h.client
      .as(sp.user, undefined, 'America/Sao_Paulo')
      .request(CONSOLIDATE, { d: '2026-04-01' });
    expect(errorCode(refused)).toBe('INVALID_STATE');
    h.subgraph.consumer!.start();
    await caughtUp(h.subgraph);
    await h.subgraph.services.closer.tick();
    expect(await consolidation(h, sp.user, '2026-04-01', 'America/Sao_Paulo')).toMatchObject({
      status: 'CLOSED',
      entryCount: 2,
    });
  });

  it('closes a day on demand, and a second request changes nothing', async () => {
    const sp = await resident('America/Sao_Paulo', '2026-05-01');
    await caughtUp(h.subgraph);
    h.clock.set('2026-05-01T20:00:00Z'); // 17:00 on the 1st: the day has not ended
    const client = h.client.as(sp.user, undefined, 'America/Sao_Paulo');
    expect(errorCode(await client.request(CONSOLIDATE, { d: '2026-05-01' }))).toBe('INVALID_STATE');
    h.clock.set('2026-05-02T03:05:00Z'); // 00:05 on the 2nd
    const first = await client.ok<{ consolidate: { status: string; closedAt: string } }>(
      CONSOLIDATE,
      { d: '2026-05-01' },
    );
    h.clock.set('2026-05-02T04:00:00Z');
    const second = await client.ok<{
      consolidate: { status: string; closedAt: string; history: unknown[] };
    }>(CONSOLIDATE, { d: '2026-05-01' });
    expect(first.consolidate).toMatchObject({
      status: 'CLOSED',
      closedAt: '2026-05-02T03:05:00.000Z',
    });
    expect(second.consolidate).toMatchObject({
      status: 'CLOSED',
      closedAt: '2026-05-02T03:05:00.000Z',
    });
    expect(second.consolidate.history).toHaveLength(1);
  });
});
