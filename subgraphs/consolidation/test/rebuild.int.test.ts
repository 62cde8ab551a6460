import { Client } from 'pg';
import { newId, type Envelope } from '@saldo/kit';
import { errorCode, publishEvents, waitFor } from '@saldo/kit/testing';
import { accountEvent, entryEvent, userDeleted } from './ledger-events';
import { ADMIN, caughtUp, dailyBalances, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

/** Accounts, entries with later versions, a move, a delete, a transfer; per user. */
function history(users: number): { events: Envelope[]; accounts: Map<string, string> } {
  const events: Envelope[] = [];
  const accounts = new Map<string, string>();
  for (let u = 0; u < users; u += 1) {
    const user = newId();
    const [a, b] = [accountEvent(user, { initialBalance: '10.00' }), accountEvent(user)];
    accounts.set(user, a.id);
    events.push(a.event, b.event);
    for (let i = 0; i < 20; i += 1) {
      const id = newId();
      const date = `2026-01-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
      events.push(entryEvent({ id, userId: user, date, postings: [[a.id, `-${i + 1}.00`]] }));
      if (i % 4 === 0)
        events.push(
          entryEvent({
            id,
            userId: user,
            version: 2,
            date: '2026-01-15',
            postings: [
              [a.id, '-3.00'],
              [b.id, '3.00'],
            ],
          }),
        );
      if (i % 5 === 0)
        events.push(
          entryEvent({ id, userId: user, version: 3, date, postings: [], deleted: true }),
        );
    }
  }
  return { events, accounts };
}

const TABLES: Record<string, string> = {
  accounts: 'id, user_id, currency, initial_balance, last_event_id',
  entries: 'id, user_id, version, day, count_currency, account_ids, amounts, currencies',
  account_days: 'account_id, day, credits, debits, entry_count',
  user_days: 'user_id, day, currency, credits, debits, entry_count',
};
// A day whose entries all went away keeps a row of zeros live; a replay may never write it.
const NON_ZERO: Record<string, string> = {
  account_days: 'where credits <> 0 or debits <> 0 or entry_count <> 0',
  user_days: 'where credits <> 0 or debits <> 0 or entry_count <> 0',
};

/** Every row of a generation, in key order, one line per row. */
async function dump(schema: string): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const [table, columns] of Object.entries(TABLES)) {
    const where = NON_ZERO[table] ?? '';
    const rows = await h.query(`select ${columns} from ${schema}.${table} ${where} order by 1, 2`);
    tables[table] = rows.map((r) => JSON.stringify(r));
  }
  return tables;
}

/** Rows only one side has, per table (empty when the generations are equal). */
function differences(a: Record<string, string[]>, b: Record<string, string[]>) {
  const out: Record<string, string[]> = {};
  for (const table of Object.keys(TABLES)) {
    const [x, y] = [new Set(a[table]), new Set(b[table])];
    const only = [...x].filter((r) => !y.has(r)).map((r) => `- ${r}`);
    only.push(...[...y].filter((r) => !x.has(r)).map((r) => `+ ${r}`));
    if (only.length > 0) out[table] = only.slice(0, 6);
  }
  return out;
}

async function active(): Promise<string> {
  const [row] = await h.query<{ active_schema: string }>(
    'select active_schema from projection_state',
  );
  return row!.active_schema;
}

const REBUILD = `mutation { rebuildProjection { id status generation } }`;
const STATUS = `query($id: ID!) { projectionRebuild(id: $id) { status events skipped error } }`;

async function rebuild(): Promise<{ generation: string; events: number }> {
  const admin = h.client.as(newId(), ADMIN);
  type Started = { rebuildProjection: { id: string; status: string; generation: string } };
  // The previous rebuild lets go of its lock just after it reports DONE.
  const started = await waitFor(async () => {
    const result = await admin.request<Started>(REBUILD);
    if (errorCode(result) === 'CONFLICT') return undefined;
    return result.data ?? undefined;
  });
  expect(started.rebuildProjection.status).toBe('RUNNING');
  const done = await waitFor(
    async () => {
      const { projectionRebuild: r } = await admin.ok<{
        projectionRebuild: { status: string; events: number; error: string | null };
      }>(STATUS, { id: started.rebuildProjection.id });
      if (r.status === 'FAILED') throw new Error(r.error ?? 'failed');
      return r.status === 'DONE' ? r : undefined;
    },
    { timeoutMs: 20_000, what: 'rebuild done' },
  );
  return { generation: started.rebuildProjection.generation, events: done.events };
}

describe('rebuild from the LEDGER stream', () => {
  it('builds fresh tables equal to the live projection and switches to them', async () => {
    const { events, accounts } = history(5);
    const erased = newId();
    const gone = accountEvent(erased);
    await publishEvents(
      h.publisher,
      [
        ...events,
        gone.event,
        entryEvent({ userId: erased, date: '2026-01-02', postings: [[gone.id, '1.00']] }),
      ],
      { inOrder: true },
    );
    await publishEvents(h.publisher, [userDeleted(erased)]);
    await caughtUp(h.subgraph);
    const before = await dump('proj_1');
    const [user, account] = [...accounts][0]!;
    const reads = await dailyBalances(h, user, account, '2026-01-01', '2026-01-31');
    const { generation, events: applied } = await rebuild();
    expect(generation).toBe('proj_2');
    expect(await active()).toBe('proj_2');
    expect(applied).toBe(events.length + 2);
    expect(differences(before, await dump('proj_2'))).toEqual({});
    expect((await dump('proj_2')).entries).toHaveLength(before.entries!.length);
    expect(await dailyBalances(h, user, account, '2026-01-01', '2026-01-31')).toEqual(reads);
  });

  it('takes events that arrive during the rebuild exactly once', async () => {
    const { events } = history(3);
    const more = history(3);
    await publishEvents(h.publisher, events, { inOrder: true });
    await caughtUp(h.subgraph);
    const running = rebuild();
    await publishEvents(h.publisher, more.events, { inOrder: true }); // while it replays and switches
    const { generation } = await running;
    await caughtUp(h.subgraph);
    // A second rebuild of the whole stream is the reference.
    const reference = await rebuild();
    expect(differences(await dump(generation), await dump(reference.generation))).toEqual({});
  });

  it('runs one rebuild at a time (CONFLICT)', async () => {
    const lock = new Client({ connectionString: h.subgraph.databaseUrl });
    await lock.connect();
    try {
      await lock.query('select pg_advisory_lock(4003, 2)');
      expect(errorCode(await h.client.as(newId(), ADMIN).request(REBUILD))).toBe('CONFLICT');
    } finally {
      await lock.end();
    }
  });
});
