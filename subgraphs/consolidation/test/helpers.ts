import { Messaging, Scope, type Envelope, type LocalDate } from '@saldo/kit';
import type { EventType } from '@saldo/events';
import {
  startTestSubgraph,
  testBaseConfig,
  TEST_NATS_URL,
  uniqueName,
  waitFor,
  type TestSubgraph,
} from '@saldo/kit/testing';
import { startConsolidation, type Consolidation } from '../src/app';
import type { Clock } from '../src/common/clock';
import type { ConsolidationConfig } from '../src/config';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private current: number;

  constructor(iso = '2026-01-15T12:00:00Z') {
    this.current = Date.parse(iso);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(iso: string): void {
    this.current = Date.parse(iso);
  }
}

export interface Harness extends TestSubgraph<Consolidation> {
  clock: ManualClock;
  /** Publishes into the namespace's LEDGER / IDENTITY streams, as their owners would. */
  publisher: Messaging;
}

// Background loops off: tests drive the emitter and the close by hand.
const QUIET: Partial<ConsolidationConfig> = {
  CLOSE_CHECK_INTERVAL_SECONDS: 0,
  EMIT_INTERVAL_MS: 0,
};

/**
 * Streams first, so the consumer finds them on its first attempt; `prefill` publishes
 * into them before consolidation starts (a backlog to catch up with).
 */
export async function startHarness(
  config: Partial<ConsolidationConfig> = {},
  clock = new ManualClock(),
  prefill: readonly Envelope[] = [],
): Promise<Harness> {
  const namespace = uniqueName('cons');
  const publisher = await Messaging.connect({ url: TEST_NATS_URL, name: 'test-ledger', namespace });
  await publisher.ensureDomainStream('ledger');
  await publisher.ensureDomainStream('identity');
  await publishMany({ publisher }, prefill);
  const t = await startTestSubgraph(
    'consolidation',
    (c: ConsolidationConfig, db) => startConsolidation(c, db, { clock }),
    { ...QUIET, ...config },
    namespace,
  );
  return {
    ...t,
    clock,
    publisher,
    cleanup: async () => {
      await t.cleanup();
      await publisher.close();
    },
  };
}

/** Another instance on the same database and namespace (stop it yourself). */
export function startReplica(h: Harness, config: Partial<ConsolidationConfig> = {}) {
  const full = { ...testBaseConfig(h.namespace), ...QUIET, ...config } as ConsolidationConfig;
  return startConsolidation(full, h.database, { clock: h.clock });
}

export async function publish(h: Pick<Harness, 'publisher'>, events: readonly Envelope[]) {
  const { publisher } = h;
  await Promise.all(
    events.map((e) =>
      publisher.js.publish(publisher.subject(e.type), JSON.stringify(e), { msgID: e.id }),
    ),
  );
}

/** Publishes in order, one at a time (stream order = array order). */
export async function publishInOrder(h: Pick<Harness, 'publisher'>, events: readonly Envelope[]) {
  for (const e of events) await publish(h, [e]);
}

/** Every event published so far is applied (or dead-lettered). */
export async function caughtUp(subgraph: Consolidation, timeoutMs = 15_000): Promise<void> {
  await waitFor(async () => (await subgraph.consumer!.lag()) === 0, {
    timeoutMs,
    what: 'consumer caught up',
  });
}

export const DAYS = `date opening { amount currency } credits { amount } debits { amount } closing { amount } entryCount`;

export interface DayRow {
  date: LocalDate;
  opening: { amount: string; currency: string };
  credits: { amount: string };
  debits: { amount: string };
  closing: { amount: string };
  entryCount: number;
}

/** `Account.dailyBalances` the way the router asks for it (`_entities`). */
export async function dailyBalances(
  h: Harness,
  userId: string,
  accountId: string,
  from: LocalDate,
  to: LocalDate,
): Promise<DayRow[] | null> {
  const data = await h.client.as(userId).ok<{ _entities: ({ dailyBalances: DayRow[] } | null)[] }>(
    `query($r: [_Any!]!, $from: LocalDate!, $to: LocalDate!) {
       _entities(representations: $r) { ... on Account { dailyBalances(from: $from, to: $to) { ${DAYS} } } }
     }`,
    { r: [{ __typename: 'Account', id: accountId }], from, to },
  );
  return data._entities[0]?.dailyBalances ?? null;
}

export interface CashFlowRow {
  start: LocalDate;
  end: LocalDate;
  currency: string;
  credits: { amount: string };
  debits: { amount: string };
  net: { amount: string };
  entryCount: number;
}

export async function cashFlow(
  h: Harness,
  userId: string,
  args: { from: LocalDate; to: LocalDate; groupBy?: 'DAY' | 'WEEK' | 'MONTH' },
): Promise<CashFlowRow[] | null> {
  const data = await h.client.as(userId).ok<{ _entities: ({ cashFlow: CashFlowRow[] } | null)[] }>(
    `query($r: [_Any!]!, $from: LocalDate!, $to: LocalDate!, $g: CashFlowGrouping!) {
       _entities(representations: $r) { ... on User { cashFlow(from: $from, to: $to, groupBy: $g) {
         start end currency credits { amount } debits { amount } net { amount } entryCount } } }
     }`,
    { r: [{ __typename: 'User', id: userId }], ...args, g: args.groupBy ?? 'DAY' },
  );
  return data._entities[0]?.cashFlow ?? null;
}

export const DAY_FIELDS = `date status closedAt reopenedAt entryCount credits { amount currency }
  debits { amount currency } history { action at entryCount }`;

export interface DayData {
  date: LocalDate;
  status: 'OPEN' | 'CLOSED' | 'REOPENED';
  closedAt: string | null;
  reopenedAt: string | null;
  entryCount: number;
  credits: { amount: string; currency: string }[];
  debits: { amount: string; currency: string }[];
  history: { action: 'CLOSED' | 'REOPENED'; at: string; entryCount: number | null }[];
}

export async function consolidation(
  h: Harness,
  userId: string,
  date: LocalDate,
  timeZone?: string,
) {
  const data = await h.client
    .as(userId, undefined, timeZone)
    .ok<{ consolidation: DayData | null }>(
      `query($d: LocalDate!) { consolidation(date: $d) { ${DAY_FIELDS} } }`,
      { d: date },
    );
  return data.consolidation;
}

export const ADMIN = [Scope.ADMIN];

/** Raw SQL against the subgraph's database. */
export function query<T = Record<string, unknown>>(
  h: Harness,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return h.subgraph.orm.em.fork().getConnection().execute<T[]>(text, params);
}

/** Envelopes consolidation wrote to its outbox for one event type, oldest first. */
export async function outbox<T extends EventType>(h: Harness, type: T): Promise<Envelope<T>[]> {
  const rows = await query<{ envelope: string }>(
    h,
    'select envelope from kit_outbox where subject = ? order by seq',
    [type],
  );
  return rows.map((r) => JSON.parse(r.envelope) as Envelope<T>);
}

/** Publishes many events in stream order, a window of unacknowledged publishes at a time. */
export async function publishMany(h: Pick<Harness, 'publisher'>, events: readonly Envelope[]) {
  for (let i = 0; i < events.length; i += 1_000) await publish(h, events.slice(i, i + 1_000));
}
