import { Client } from 'pg';
import { newId, parseAmount, withDatabase, type Envelope } from '@saldo/kit';
import { handledCount, TEST_SERVER_URL, waitFor } from '@saldo/kit/testing';
import type { Consolidation } from '../src/app';
import { findDrift, type Balance } from '../src/verify/drift';
import { projectedBalances } from '../src/verify/projected';
import { accountEvent, entryEvent, snapshot, type EntrySpec } from './ledger-events';
import { caughtUp, startHarness, startReplica, type Harness } from './helpers';

let h: Harness;
afterAll(async () => {
  await h?.cleanup();
});

/** A busy stream: entries, some edited (moved, re-amounted), some deleted afterwards. */
function workload(users: number, entries: number) {
  const events: Envelope[] = [];
  const latest = new Map<string, EntrySpec>();
  const accounts: { id: string; userId: string }[] = [];
  for (let u = 0; u < users; u += 1) {
    const userId = newId();
    for (const initialBalance of ['100.00', '0.00']) {
      const a = accountEvent(userId, { initialBalance });
      accounts.push({ id: a.id, userId });
      events.push(a.event);
    }
  }
  for (let i = 0; i < entries; i += 1) {
    const [a, b] = [accounts[(i * 2) % accounts.length]!, accounts[(i * 2 + 1) % accounts.length]!];
    const spec: EntrySpec = {
      id: newId(),
      userId: a.userId,
      date: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}`,
      postings:
        i % 3 === 0
          ? [
              [a.id, '-4.00'],
              [b.id, '4.00'],
            ]
          : [[a.id, `${i % 2 ? '-' : ''}${(i % 97) + 1}.25`]],
    };
    events.push(entryEvent(spec));
    latest.set(spec.id!, spec);
    if (i % 10 === 0) {
      const edited = {
        ...spec,
        version: 2,
        date: '2026-02-14',
        postings: [[a.id, '-1.10']] as EntrySpec['postings'],
      };
      events.push(entryEvent(edited));
      latest.set(spec.id!, edited);
    }
    if (i % 20 === 0) {
      const deleted = { ...spec, version: 3, postings: [], deleted: true };
      events.push(entryEvent(deleted));
      latest.set(spec.id!, deleted);
    }
  }
  return { events, latest, accounts };
}

/** What the ledger would say: initial balance plus the postings of each entry's last version. */
function ledgerBalances(w: ReturnType<typeof workload>): Balance[] {
  const sums = new Map(w.accounts.map((a, i) => [a.id, i % 2 === 0 ? 10_000n : 0n]));
  for (const spec of w.latest.values())
    for (const p of snapshot(spec).postings)
      sums.set(p.accountId, sums.get(p.accountId)! + parseAmount(p.amount.amount, 'BRL'));
  return w.accounts.map((a) => ({
    accountId: a.id,
    userId: a.userId,
    currency: 'BRL',
    amount: sums.get(a.id)!,
  }));
}

/** Drops every database session of the subgraph, mid-transaction or not. */
async function terminateSessions(database: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(TEST_SERVER_URL, 'postgres') });
  await admin.connect();
  try {
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
  } finally {
    await admin.end();
  }
}

/** Events the consumer has applied (its inbox rows). */
const applied = (t: Harness | Consolidation) => handledCount(t);

describe('crash and restart', () => {
  it('ends with zero drift after the consumer is killed mid-batch and started again', async () => {
    const w = workload(40, 12_000);
    h = await startHarness({ CONSUMER_BATCH_SIZE: 500 }, undefined, w.events);
    await waitFor(async () => (await applied(h)) > 3_000, {
      timeoutMs: 20_000,
      what: 'ingest under way',
    });
    // The crash: the NATS connection drops unacknowledged, every DB session dies mid-batch.
    await Promise.all([h.subgraph.messaging.nc.close(), terminateSessions(h.database)]);
    expect(await applied(h)).toBeLessThan(w.events.length);
    await h.subgraph.stop().catch(() => undefined);
    // Skip the 30 s ack wait for the lost in-flight messages: the restarted consumer
    // replays the stream from the start, so every applied event comes back once more.
    await h.publisher.jsm.consumers.delete(h.publisher.streamName('ledger'), 'consolidation');
    const replica = await startReplica(h, { CONSUMER_BATCH_SIZE: 500 });
    try {
      await caughtUp(replica, 60_000);
      const drift = findDrift(await projectedBalances(replica.orm.em.fork()), ledgerBalances(w));
      expect(drift).toEqual([]);
      expect(await applied(replica)).toBe(w.events.length);
    } finally {
      await replica.stop();
    }
  }, 90_000);
});
