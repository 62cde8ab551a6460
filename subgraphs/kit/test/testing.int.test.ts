import {
  createEnvelope,
  createLogger,
  event,
  EventConsumer,
  InvalidEventError,
  Messaging,
  newId,
  OutboxRelay,
  recordEvents,
  type Orm,
} from '../src';
import {
  handledCount,
  outboxEntries,
  publishAs,
  publishedEvents,
  publishEvents,
  testQuery,
  waitForHandled,
  waitForPublished,
  openTestEnvironment,
  type TestEnvironment,
} from '../src/testing';

const log = createLogger('testing-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

describe('the event helpers of the test kit', () => {
  let env: TestEnvironment;
  let orm: Orm;
  let messaging: Messaging;
  let namespace: string;

  beforeAll(async () => {
    env = await openTestEnvironment('testing');
    ({ orm, messaging, namespace } = env);
    await testQuery(orm, 'create table deleted (user_id uuid primary key)');
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it("publishes as another domain into a namespace, creating the domain's stream", async () => {
    const userId = newId();
    const envelope = await publishAs(namespace, 'identity.user.deleted', userId, { userId });
    expect(envelope).toMatchObject({ type: 'identity.user.deleted', userId, data: { userId } });
    const stream = await messaging.jsm.streams.info(messaging.streamName('identity'));
    // IDENTITY holds identity's public subjects (its secret ones have their own stream).
    expect(stream.config.subjects).toEqual([`${namespace}.identity.user.>`]);
    const stored = await messaging.jsm.streams.getMessage(messaging.streamName('identity'), {
      last_by_subj: `${namespace}.identity.user.deleted`,
    });
    expect(stored?.json()).toEqual(envelope);
    expect(stored?.header.get('Nats-Msg-Id')).toBe(envelope.id);
  });

  it('refuses data the catalog rejects', async () => {
    await expect(
      publishAs(messaging, 'identity.user.deleted', null, { userId: 'not-a-uuid' }),
    ).rejects.toThrow(InvalidEventError);
    const bad = { ...createEnvelope('identity.user.deleted', null, { userId: newId() }) };
    await expect(publishEvents(messaging, [{ ...bad, data: { userId: 'nope' } }])).rejects.toThrow(
      InvalidEventError,
    );
  });

  it("reads the outbox and the inbox, and waits for a consumer's handling", async () => {
    const since = new Date(Date.now() - 1000);
    const userId = newId();
    const [written] = await orm.em
      .fork()
      .transactional((em) =>
        recordEvents(em, [event('identity.user.deleted', userId, { userId })]),
      );
    expect(await publishedEvents(orm, { type: 'identity.user.deleted', since })).toEqual([written]);
    expect(await publishedEvents(orm, { type: 'identity.user.registered' })).toEqual([]);
    expect(await publishedEvents(orm, { since: new Date(Date.now() + 60_000) })).toEqual([]);
    expect((await outboxEntries(orm, { sent: false })).map((e) => e.envelope.id)).toEqual([
      written!.id,
    ]);

    const relay = new OutboxRelay({
      databaseUrl: env.databaseUrl,
      messaging,
      log,
      pollIntervalMs: 100,
    });
    const consumer = new EventConsumer({
      name: 'deleter',
      orm,
      messaging,
      log,
      handlers: {
        'identity.user.deleted': async (e, { em }) => {
          await em.execute('insert into deleted (user_id) values (?)', [e.data.userId]);
        },
      },
    });
    relay.start();
    consumer.start();
    try {
      const sent = await waitForPublished(orm, 'identity.user.deleted', {
        match: (e) => e.id === written!.id,
        sent: true,
      });
      expect(sent).toEqual(written);
      await waitForHandled(orm, [written!], { consumer: 'deleter' });
      expect(
        await testQuery(orm, 'select 1 from deleted where user_id = ?', [userId]),
      ).toHaveLength(1);
      const other = await publishAs(messaging, 'identity.user.deleted', newId(), {
        userId: newId(),
      });
      await waitForHandled(orm, other.id);
      expect(await handledCount(orm, { consumer: 'deleter', events: [written!, other] })).toBe(2);
      expect(await handledCount(orm, { consumer: 'someone else' })).toBe(0);
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });
});
