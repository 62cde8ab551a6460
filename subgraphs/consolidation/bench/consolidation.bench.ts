// pnpm bench:consolidation — ingest, daily close and rebuild of the consolidation
// projection against the local PostgreSQL and NATS. One JSON line per case.
//   ingest:  INGEST_EVENTS (200,000) entries over 30 days, pre-published, then consumed
//   close:   a day holding LARGE_EVENTS (1,000,000) entries of 10,000 users, seeded by
//            ingestion (the same consumer), closed by the scheduler's pass
//   rebuild: those LARGE_EVENTS entries replayed from the stream into a new generation
import 'reflect-metadata';
import { Messaging } from '@saldo/kit';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  testBaseConfig,
  machineProbe,
  TEST_NATS_URL,
  uniqueName,
  type TestDatabase,
} from '@saldo/kit/testing';
import { startConsolidation, type Consolidation } from '../src/app';
import type { Clock } from '@saldo/kit';
import type { ConsolidationConfig } from '../src/config';
import { publishAll } from './publish';
import { accountEvents, entryEvents, population } from './synthetic';

const INGEST_EVENTS = Number(process.env['INGEST_EVENTS'] ?? 200_000);
const LARGE_EVENTS = Number(process.env['LARGE_EVENTS'] ?? 1_000_000);
const CASES = (process.env['CASES'] ?? 'ingest,large').split(',');

interface Env {
  namespace: string;
  db: TestDatabase;
  publisher: Messaging;
}

async function environment(prefix: string): Promise<Env> {
  const namespace = uniqueName(prefix);
  const db = await createTestDatabase(`bench_${prefix}`);
  const publisher = await Messaging.connect({ url: TEST_NATS_URL, name: 'bench', namespace });
  await publisher.ensureDomainStream('ledger');
  await publisher.ensureDomainStream('identity');
  return { namespace, db, publisher };
}

async function teardown(env: Env, subgraph?: Consolidation): Promise<void> {
  await subgraph?.stop();
  await env.publisher.close();
  await env.db.drop();
  await deleteNamespaceStreams(env.namespace);
}

function start(env: Env, clock?: Clock): Promise<Consolidation> {
  const config = {
    ...testBaseConfig(env.namespace),
    LOG_LEVEL: (process.env['BENCH_LOG_LEVEL'] ?? 'warn') as ConsolidationConfig['LOG_LEVEL'],
    CLOSE_CHECK_INTERVAL_SECONDS: 0, // the close case runs the scheduler's pass itself
    // Tuning to try, e.g. CONSUMER_CONCURRENCY=3 CONSUMER_BATCH_SIZE=2000.
    ...Object.fromEntries(
      ['EMIT_INTERVAL_MS', 'CONSUMER_CONCURRENCY', 'CONSUMER_BATCH_SIZE']
        .filter((key) => process.env[`BENCH_${key}`] ?? process.env[key])
        .map((key) => [key, Number(process.env[`BENCH_${key}`] ?? process.env[key])]),
    ),
  } as ConsolidationConfig;
  return startConsolidation(config, env.db.name, clock ? { clock } : {});
}

/** Lag 0 on every source stream (the consumers appear on the server shortly after start). */
async function untilCaughtUp(subgraph: Consolidation): Promise<void> {
  for (;;) {
    if ((await subgraph.consumer!.lag().catch(() => -1)) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Seconds until the emitter has published every changed account-day. */
async function emitDrain(subgraph: Consolidation): Promise<number> {
  const started = performance.now();
  while ((await pendingEmits(subgraph)) > 0) await new Promise((r) => setTimeout(r, 100));
  return since(started);
}

async function pendingEmits(subgraph: Consolidation): Promise<number> {
  const rows = await subgraph.orm.em
    .fork()
    .getConnection()
    .execute<{ n: string }[]>('select count(*) as n from proj_1.account_days where pending_emit');
  return Number(rows[0]?.n ?? 0);
}

function report(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ bench: 'consolidation', ...fields })}\n`);
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const since = (t: number) => (performance.now() - t) / 1000;

/** Publishes a population's accounts and `count` entries, then times the consumer catching up. */
async function timedIngest(env: Env, users: number, count: number, days: number, clock?: Clock) {
  const p = population(users, 2);
  await publishAll(env.publisher, accountEvents(p));
  const events =
    (await publishAll(env.publisher, entryEvents(p, count, '2026-03-01', days))) + users * 2;
  const started = performance.now();
  const subgraph = await start(env, clock);
  const ready = performance.now();
  await untilCaughtUp(subgraph);
  return {
    subgraph,
    events,
    /** Start (migrations, NATS, consumer) to lag 0. */
    seconds: since(started),
    /** From the subgraph being ready (its consumer running) to lag 0. */
    consuming: since(ready),
    backlog: await pendingEmits(subgraph),
  };
}

/** Throughput while consuming, and with the subgraph's start counted in. */
function ingestFigures(run: { events: number; seconds: number; consuming: number }) {
  return {
    events: run.events,
    throughput_per_s: round(run.events / run.consuming, 1),
    duration_s: round(run.consuming),
    with_start_per_s: round(run.events / run.seconds, 1),
    with_start_s: round(run.seconds),
  };
}

async function ingest(): Promise<void> {
  const env = await environment('ingest');
  let subgraph: Consolidation | undefined;
  try {
    const run = await timedIngest(env, 2_000, INGEST_EVENTS, 30);
    subgraph = run.subgraph;
    report({
      case: 'ingest',
      ...ingestFigures(run),
      emit_backlog: run.backlog,
      emit_drain_s: round(await emitDrain(subgraph)),
      note: 'pre-filled LEDGER stream; throughput timed from the subgraph being ready (consumer running) to lag 0, with_start from its start (migrations included); daily_balance.updated events of the changed account-days published afterwards (emit_drain_s)',
    });
  } finally {
    await teardown(env, subgraph);
  }
}

/** The close and rebuild cases share one 1,000,000-entry day. */
async function large(): Promise<void> {
  const env = await environment('large');
  const clock = { at: new Date('2026-03-01T20:00:00Z'), now: () => new Date(clock.at) };
  let subgraph: Consolidation | undefined;
  try {
    const run = await timedIngest(env, 10_000, LARGE_EVENTS, 1, clock);
    subgraph = run.subgraph;
    report({
      case: 'ingest 1 day',
      ...ingestFigures(run),
    });
    await close(subgraph, clock);
    await rebuild(subgraph, run.events);
  } finally {
    await teardown(env, subgraph);
  }
}

async function close(subgraph: Consolidation, clock: { at: Date }): Promise<void> {
  clock.at = new Date('2026-03-02T12:00:00Z'); // 09:00 in Sao Paulo: 2026-03-01 is due
  const started = performance.now();
  const { closed } = await subgraph.services.closer.tick();
  const seconds = since(started);
  report({
    case: 'close',
    entries: LARGE_EVENTS,
    users: 10_000,
    days_closed: closed,
    seconds: round(seconds, 3),
    duration_s: round(seconds, 3),
  });
}

async function rebuild(subgraph: Consolidation, events: number): Promise<void> {
  const started = performance.now();
  const record = await subgraph.services.rebuilder.run('bench');
  const seconds = since(started);
  report({
    case: 'rebuild',
    events: record.events,
    expected_events: events,
    status: record.status,
    throughput_per_s: round(record.events / seconds, 1),
    seconds: round(seconds),
    duration_s: round(seconds),
  });
}

/** Before and after the cases: how fast this machine is running today (see the README). */
async function probe(when: 'before' | 'after'): Promise<void> {
  report({ case: 'machine probe', when, ...(await machineProbe()) });
}

async function main(): Promise<void> {
  await probe('before');
  if (CASES.includes('ingest')) await ingest();
  if (CASES.includes('large')) await large();
  await probe('after');
}

main().catch((error: unknown) => {
  // eslint-disable-next-line no-console -- a benchmark failure goes to stderr
  console.error(error);
  process.exit(1);
});
