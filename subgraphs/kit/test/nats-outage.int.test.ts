import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  createLogger,
  event,
  EventConsumer,
  Messaging,
  newId,
  openDatabase,
  OutboxRelay,
  recordEvents,
  type Orm,
} from '../src';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  outboxEntries,
  TEST_SERVER_URL,
  testQuery,
  waitForHandled,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '../src/testing';

const log = createLogger('outage-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

/** A TCP proxy in front of NATS that the test can cut and restore, as an outage would. */
class CuttableProxy {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  port = 0;

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(4222, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    for (const s of this.sockets) s.destroy();
    await closed;
    this.server = null;
  }
}

describe('through a NATS outage', () => {
  let db: TestDatabase;
  let orm: Orm;
  const namespace = uniqueName('outage');
  const proxy = new CuttableProxy();

  beforeAll(async () => {
    db = await createTestDatabase('kit_outage');
    orm = await openDatabase({
      serverUrl: TEST_SERVER_URL,
      database: db.name,
      entities: [],
      migrations: [],
    });
    await orm.em.getConnection().execute('create table handled (event_id uuid primary key)');
    await proxy.open();
  });

  afterAll(async () => {
    await proxy.cut();
    await orm?.close();
    await db?.drop();
    await deleteNamespaceStreams(namespace);
  });

  it('keeps committing while NATS is away, then publishes and consumes everything, once', async () => {
    const url = `nats://127.0.0.1:${proxy.port}`;
    const producer = await Messaging.connect({ url, name: 'outage-producer', namespace });
    const consumerSide = await Messaging.connect({ url, name: 'outage-consumer', namespace });
    await producer.ensureDomainStream('identity');
    await producer.ensureDeadLetterStream();
    const relay = new OutboxRelay({
      databaseUrl: db.url,
      messaging: producer,
      log,
      pollIntervalMs: 100,
      publishTimeoutMs: 1000,
      leaseSeconds: 1,
    });
    const consumer = new EventConsumer({
      name: 'outage',
      orm,
      messaging: consumerSide,
      log,
      handlers: {
        'identity.user.deleted': async (e, { em }) => {
          await em.execute('insert into handled (event_id) values (?)', [e.id]);
        },
      },
    });
    relay.start();
    consumer.start();
    const commit = () =>
      orm.em.fork().transactional((em) => {
        const userId = newId();
        return recordEvents(em, [event('identity.user.deleted', userId, { userId })]);
      });
    const handled = async () =>
      Number((await testQuery<{ n: string }>(orm, 'select count(*) as n from handled'))[0]?.n);
    try {
      await commit();
      await waitFor(async () => (await handled()) === 1, { what: 'first event' });

      await proxy.cut();
      for (let i = 0; i < 5; i += 1) await commit(); // the database keeps accepting
      // Publishes time out meanwhile: every new row has a failed attempt, none is sent.
      await waitFor(
        async () => {
          const unsent = await outboxEntries(orm, { sent: false });
          return unsent.length === 5 && unsent.every((e) => e.attempts > 0 && e.lastError);
        },
        { what: 'a failed publish of each of the five' },
      );
      expect(await relay.backlog()).toBe(5);

      await proxy.open(); // NATS is back on the same address
      await waitFor(async () => (await handled()) === 6, {
        what: 'all six handled',
        timeoutMs: 30_000,
      });
      // The relay marks rows sent once the broker acks them: the consumer can be quicker.
      await waitFor(async () => (await relay.backlog()) === 0, { what: 'outbox drained' });
      // Processed past every copy on the stream (retries included): a later event handled.
      const [marker] = await commit();
      await waitForHandled(orm, marker!, { consumer: 'outage' });
      expect(await handled()).toBe(7); // the six and the marker, each once
    } finally {
      await consumer.stop();
      await relay.stop();
      await producer.close();
      await consumerSide.close();
    }
  }, 60_000);
});
