// pnpm bench:events — events/s through outbox -> relay -> JetStream -> consumer (inbox),
// and commit-to-handled latency at fixed offered rates. One JSON line per case.
// As deployed, the producer (with its relay) and the consumer are separate processes:
// this file forks itself for the consumer side.
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import {
  createLogger,
  event,
  EventConsumer,
  Messaging,
  newId,
  openDatabase,
  OutboxRelay,
  recordEvents,
  query,
  type HandlerMap,
  type Orm,
} from '../src';
import {
  cpuSeconds,
  cpuSecondsOf,
  createTestDatabase,
  deleteNamespaceStreams,
  TEST_NATS_URL,
  TEST_SERVER_URL,
  uniqueName,
} from '../src/testing';

const log = createLogger('bench', 'warn');
const PRODUCERS = Number(process.env['PRODUCERS'] ?? 16);

type Report = { handled: number; latencies: number[] };

function cpuNow(consumerPid: number) {
  return {
    producer: cpuSeconds(process.pid),
    consumer: cpuSeconds(consumerPid),
    postgres: cpuSecondsOf('postgres'),
    nats: cpuSecondsOf('nats-server'),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The consumer process: applies events, reports counts and latencies on request. */
async function consumerProcess(database: string, namespace: string, mode: 'each' | 'batch') {
  const orm = await openDatabase({
    serverUrl: TEST_SERVER_URL,
    database,
    entities: [],
    migrations: [],
    poolMax: 4,
  });
  const messaging = await Messaging.connect({
    url: TEST_NATS_URL,
    name: 'bench-consumer',
    namespace,
  });
  let handled = 0;
  let latencies: number[] = [];
  const seen = (occurredAt: string) => {
    handled += 1;
    latencies.push(Date.now() - Date.parse(occurredAt));
  };
  const handlers: HandlerMap =
    mode === 'each'
      ? {
          'identity.user.deleted': async (e, { em }) => {
            await query(em, 'insert into handled (event_id, user_id) values (?, ?)', [
              e.id,
              e.data.userId,
            ]);
            seen(e.occurredAt);
          },
        }
      : {
          'identity.user.deleted': {
            batch: async (events, { em }) => {
              await query(
                em,
                'insert into handled (event_id, user_id) select * from unnest(?::uuid[], ?::uuid[])',
                [events.map((e) => e.id), events.map((e) => e.data.userId)],
              );
              for (const e of events) seen(e.occurredAt);
            },
          },
        };
  const consumer = new EventConsumer({ name: `bench_${mode}`, orm, messaging, log, handlers });
  consumer.start();
  process.on('message', (message: string) => {
    if (message === 'report') {
      process.send?.({ handled, latencies } satisfies Report);
      latencies = [];
    } else if (message === 'stop') {
      void consumer
        .stop()
        .then(() => messaging.close())
        .then(() => orm.close())
        .then(() => process.exit(0));
    }
  });
  process.send?.('ready');
}

function ask(child: ChildProcess): Promise<Report> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as Report));
    child.send('report');
  });
}

async function producerProcess() {
  // Three events per transaction is what createEntry writes; ten is a bulk writer.
  const cases = (process.env['CASES'] ?? 'each:3,batch:3,batch:10').split(',');
  for (const c of cases) {
    const [mode, perTx] = c.split(':');
    await runMode(mode as 'each' | 'batch', Number(perTx));
  }
}

/** A fresh database, stream and consumer per handler mode, so neither sees the other's events. */
async function runMode(mode: 'each' | 'batch', EVENTS_PER_TX: number) {
  const db = await createTestDatabase('bench_events');
  const namespace = uniqueName('bench');
  const orm: Orm = await openDatabase({
    serverUrl: TEST_SERVER_URL,
    database: db.name,
    entities: [],
    migrations: [],
    poolMax: 20,
  });
  await orm.em
    .getConnection()
    .execute('create table handled (event_id uuid primary key, user_id uuid not null)');
  const messaging = await Messaging.connect({ url: TEST_NATS_URL, name: 'bench', namespace });
  await messaging.ensureDomainStream('identity');
  await messaging.ensureDeadLetterStream();
  const relay = new OutboxRelay({ databaseUrl: db.url, messaging, log });
  relay.start();

  const commitOne = () => {
    const user = newId();
    return orm.em.fork().transactional((em) =>
      recordEvents(
        em,
        Array.from({ length: EVENTS_PER_TX }, () =>
          event('identity.user.deleted', user, { userId: user }),
        ),
      ),
    );
  };

  try {
    {
      const child = fork(__filename, ['--consumer', db.name, namespace, mode]);
      await new Promise((resolve) => child.once('message', resolve));
      let total = 0;
      const collect = async (target: number, timeoutMs: number) => {
        const latencies: number[] = [];
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const report = await ask(child);
          latencies.push(...report.latencies);
          if (report.handled >= target || Date.now() > deadline)
            return { handled: report.handled, latencies };
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      let cpuMark = cpuNow(child.pid ?? 0);
      const emit = (name: string, events: number, seconds: number, latencies: number[]) => {
        const sorted = latencies.sort((a, b) => a - b);
        const cpu = cpuNow(child.pid ?? 0);
        const perEvent = (key: keyof typeof cpu) =>
          Math.round(((cpu[key] - cpuMark[key]) * 1e6) / events) / 1000;
        const cpuMsPerEvent = {
          producer_and_relay: perEvent('producer'),
          consumer: perEvent('consumer'),
          postgres: perEvent('postgres'),
          nats: perEvent('nats'),
        };
        cpuMark = cpu;
        process.stdout.write(
          `${JSON.stringify({
            bench: 'events',
            case: `${name}, handler=${mode}, ${EVENTS_PER_TX} events/tx`,
            events,
            throughput_per_s: Math.round(events / seconds),
            p50_ms: percentile(sorted, 50),
            p99_ms: percentile(sorted, 99),
            duration_s: +seconds.toFixed(2),
            cpu_ms_per_event: cpuMsPerEvent,
          })}\n`,
        );
      };

      // Warm-up.
      for (let i = 0; i < 300; i += 1) await commitOne();
      total += 300 * EVENTS_PER_TX;
      await collect(total, 60_000);
      cpuMark = cpuNow(child.pid ?? 0);

      // Maximum throughput: producers commit as fast as they can.
      const count = Number(process.env['EVENTS'] ?? 60_000);
      let issued = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: PRODUCERS }, async () => {
          while (issued < count) {
            issued += EVENTS_PER_TX;
            await commitOne();
          }
        }),
      );
      total += issued;
      const max = await collect(total, 180_000);
      emit(
        `max throughput, ${PRODUCERS} producers`,
        issued,
        (performance.now() - t0) / 1000,
        max.latencies,
      );

      // Latency at fixed offered rates (the p99 target is at 5,000 events/s).
      for (const rate of [1000, 5000]) {
        const seconds = Number(process.env['SECONDS'] ?? 10);
        const txPerTick = rate / EVENTS_PER_TX / 100;
        let carry = 0;
        let sent = 0;
        const pending: Promise<unknown>[] = [];
        const t1 = performance.now();
        while (performance.now() - t1 < seconds * 1000) {
          carry += txPerTick;
          for (; carry >= 1; carry -= 1) {
            sent += EVENTS_PER_TX;
            pending.push(commitOne());
          }
          await new Promise((r) => setTimeout(r, 10));
        }
        await Promise.all(pending);
        total += sent;
        const result = await collect(total, 120_000);
        emit(`offered ${rate} events/s`, sent, (performance.now() - t1) / 1000, result.latencies);
      }
      child.send('stop');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  } finally {
    await relay.stop();
    await messaging.close();
    await orm.close();
    await db.drop();
    await deleteNamespaceStreams(namespace);
  }
}

const fail = (error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
};

if (process.argv[2] === '--consumer') {
  consumerProcess(process.argv[3]!, process.argv[4]!, process.argv[5] as 'each' | 'batch').catch(
    fail,
  );
} else {
  producerProcess().catch(fail);
}
