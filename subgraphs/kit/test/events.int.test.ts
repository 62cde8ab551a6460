import { newId, type Orm } from '../src';
import {
  createLogger,
  EventConsumer,
  event,
  listDeadLetters,
  Messaging,
  openDatabase,
  OutboxRelay,
  recordEvents,
  replayDeadLetters,
  type HandlerMap,
} from '../src';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  handledCount,
  publishedEvents,
  publishRaw,
  TEST_NATS_URL,
  TEST_SERVER_URL,
  testQuery,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '../src/testing';

const log = createLogger('events-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

const profile = (userId: string, name = 'Ana') => ({
  userId,
  email: 'ana@example.com',
  name,
  timeZone: 'America/Sao_Paulo',
  locale: 'pt-BR',
});

describe('outbox -> relay -> JetStream -> consumer', () => {
  let db: TestDatabase;
  let orm: Orm;
  let messaging: Messaging;
  const namespace = uniqueName('ev');
  const failingUsers = new Set<string>();

  beforeAll(async () => {
    db = await createTestDatabase('kit_events');
    orm = await openDatabase({
      serverUrl: TEST_SERVER_URL,
      database: db.name,
      entities: [],
      migrations: [],
    });
    await orm.em
      .getConnection()
      .execute(
        'create table handled (event_id uuid not null, user_id uuid not null, name text not null)',
      );
    messaging = await Messaging.connect({ url: TEST_NATS_URL, name: 'events-test', namespace });
    await messaging.ensureDomainStream('identity');
    await messaging.ensureDeadLetterStream();
  });

  afterAll(async () => {
    await messaging?.close();
    await orm?.close();
    await db?.drop();
    await deleteNamespaceStreams(namespace);
  });

  const handlers: HandlerMap = {
    'identity.user.updated': async (e, { em }) => {
      if (failingUsers.has(e.data.userId)) throw new Error(`cannot handle ${e.data.name}`);
      await em.execute('insert into handled (event_id, user_id, name) values (?, ?, ?)', [
        e.id,
        e.data.userId,
        e.data.name,
      ]);
    },
  };

  const relay = (extra: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}) =>
    new OutboxRelay({
      databaseUrl: db.url,
      messaging,
      log,
      pollIntervalMs: 200,
      leaseSeconds: 1,
      ...extra,
    });
  const consumer = (name: string) =>
    new EventConsumer({
      name,
      orm,
      messaging,
      log,
      handlers,
      maxDeliver: 3,
      backoffMs: [100, 200],
    });

  const commit = (userId: string, count = 1, name = 'Ana') =>
    orm.em.fork().transactional((em) =>
      recordEvents(
        em,
        Array.from({ length: count }, (_, i) =>
          event('identity.user.updated', userId, profile(userId, `${name}${i}`)),
        ),
      ),
    );
  const handledFor = (userId: string) =>
    testQuery<{ event_id: string; name: string }>(
      orm,
      'select event_id, name from handled where user_id = ?',
      [userId],
    );
  const unsent = async () => (await publishedEvents(orm, { sent: false })).length;

  it('delivers every committed event exactly once', async () => {
    const user = newId();
    const r = relay();
    const c = consumer('exactly_once');
    r.start();
    c.start();
    try {
      const envelopes = await commit(user, 50);
      const rows = await waitFor(
        async () => ((await handledFor(user)).length === 50 ? handledFor(user) : false),
        { what: '50 handled' },
      );
      expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(envelopes.map((e) => e.id)));
      expect(await unsent()).toBe(0);
    } finally {
      await c.stop();
      await r.stop();
    }
  });

  it('refuses to write events outside a transaction', async () => {
    await expect(
      recordEvents(orm.em.fork(), [event('identity.user.deleted', null, { userId: newId() })]),
    ).rejects.toThrow('inside the transaction');
  });

  it('validates payloads before they reach the outbox', async () => {
    await expect(
      orm.em
        .fork()
        .transactional((em) =>
          recordEvents(em, [event('identity.user.deleted', null, { userId: 'not-a-uuid' })]),
        ),
    ).rejects.toThrow('identity.user.deleted');
  });

  it('publishes after restart an event committed while the relay was down', async () => {
    const user = newId();
    await commit(user);
    expect(await unsent()).toBe(1);
    const c = consumer('relay_down');
    c.start();
    const r = relay();
    r.start();
    try {
      await waitFor(async () => (await handledFor(user)).length === 1, {
        what: 'handled after restart',
      });
      expect(await unsent()).toBe(0);
    } finally {
      await r.stop();
      await c.stop();
    }
  });

  it('survives a relay killed between publish and marking sent: downstream applies once', async () => {
    const user = newId();
    const [envelope] = await commit(user);
    const crashing = relay({
      afterPublish: () => {
        throw new Error('relay killed');
      },
    });
    await expect(crashing.publishBatch()).rejects.toThrow('relay killed');
    await crashing.stop();
    expect(await unsent()).toBe(1); // published, but not marked

    // The same event published again past JetStream's duplicate window (new msg id).
    await publishRaw(messaging, 'identity.user.updated', JSON.stringify(envelope), {
      msgId: newId(),
    });

    const r = relay();
    const c = consumer('crash_once');
    r.start();
    c.start();
    try {
      await waitFor(async () => (await unsent()) === 0, { what: 'outbox drained' });
      await waitFor(async () => (await c.lag()) === 0, { what: 'consumer caught up' });
      expect(await handledFor(user)).toHaveLength(1);
      const seqs = await messaging.jsm.streams.info(messaging.streamName('identity'));
      expect(seqs.state.messages).toBeGreaterThan(0);
    } finally {
      await c.stop();
      await r.stop();
    }
  });

  it('retries a failing handler with backoff, dead-letters it with the reason, and keeps going', async () => {
    const bad = newId();
    const good = newId();
    failingUsers.add(bad);
    const r = relay();
    const c = consumer('dead_letter');
    r.start();
    c.start();
    try {
      const started = Date.now();
      await commit(bad, 1, 'Bad');
      await commit(good, 5, 'Good');
      await waitFor(async () => (await handledFor(good)).length === 5, {
        what: 'later messages handled',
      });
      const letters = await waitFor(
        async () => {
          const found = await listDeadLetters(messaging, 'dead_letter');
          return found.length > 0 ? found : false;
        },
        { what: 'dead letter' },
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(300); // 100 ms + 200 ms of backoff
      expect(letters).toHaveLength(1);
      expect(letters[0]).toEqual(
        expect.objectContaining({
          consumer: 'dead_letter',
          deliveries: 3,
          originalSubject: messaging.subject('identity.user.updated'),
          reason: expect.stringContaining('cannot handle Bad0'),
        }),
      );
      expect(await handledFor(bad)).toHaveLength(0);

      // Fixed: replay applies it once.
      failingUsers.delete(bad);
      expect(await replayDeadLetters(messaging, 'dead_letter')).toBe(1);
      await waitFor(async () => (await handledFor(bad)).length === 1, {
        what: 'replayed event handled',
      });
      expect(await listDeadLetters(messaging, 'dead_letter')).toHaveLength(0);
    } finally {
      await c.stop();
      await r.stop();
    }
  });

  it('dead-letters malformed payloads at once without blocking the next message', async () => {
    const good = newId();
    const c = consumer('malformed');
    c.start();
    try {
      await publishRaw(messaging, 'identity.user.updated', 'not json at all');
      await publishRaw(
        messaging,
        'identity.user.updated',
        JSON.stringify({
          id: newId(),
          type: 'identity.user.updated',
          version: 1,
          occurredAt: new Date().toISOString(),
          userId: good,
          data: { userId: good },
        }),
      );
      const r = relay();
      r.start();
      await commit(good, 1, 'Fine');
      await waitFor(async () => (await handledFor(good)).length === 1, {
        what: 'valid message handled',
      });
      await r.stop();
      const letters = await waitFor(
        async () => {
          const found = await listDeadLetters(messaging, 'malformed');
          return found.length === 2 ? found : false;
        },
        { what: 'two dead letters' },
      );
      expect(letters.map((l) => l.deliveries)).toEqual([1, 1]);
      expect(letters[0]?.reason).toContain('invalid payload: payload is not JSON');
      expect(letters[1]?.reason).toContain('identity.user.updated: email');
    } finally {
      await c.stop();
    }
  });

  it('hands consecutive events of a batch handler over together, in stream order', async () => {
    const user = newId();
    const seen: string[][] = [];
    const batch = new EventConsumer({
      name: 'batched',
      orm,
      messaging,
      log,
      lingerMs: 50,
      handlers: {
        'identity.user.updated': {
          batch: async (events) => {
            const mine = events.filter((e) => e.data.userId === user);
            if (mine.length > 0) seen.push(mine.map((e) => e.data.name));
          },
        },
      },
    });
    const r = relay();
    r.start();
    try {
      await commit(user, 6, 'N');
      batch.start();
      await waitFor(async () => seen.flat().length === 6, { what: 'six events handled' });
      expect(seen.flat()).toEqual(['N0', 'N1', 'N2', 'N3', 'N4', 'N5']);
      expect(seen.length).toBeLessThan(6); // at least some arrived together
    } finally {
      await batch.stop();
      await r.stop();
    }
  });

  it('runs batches side by side when asked; afterCommit runs only for what committed', async () => {
    const user = newId();
    let active = 0;
    let peak = 0;
    let committed = 0;
    let failOnce = true;
    const c = new EventConsumer({
      name: 'side_by_side',
      orm,
      messaging,
      log,
      batchSize: 5,
      concurrency: 3,
      handlers: {
        'identity.user.updated': {
          batch: async (events, { em, afterCommit }) => {
            const mine = events.filter((e) => e.data.userId === user);
            active += 1;
            peak = Math.max(peak, active);
            try {
              for (const e of mine)
                await em.execute('insert into handled (event_id, user_id, name) values (?, ?, ?)', [
                  e.id,
                  user,
                  e.data.name,
                ]);
              await em.execute('select pg_sleep(0.05)');
              if (failOnce && mine.some((e) => e.data.name === 'C7')) {
                failOnce = false;
                throw new Error('the first attempt fails');
              }
            } finally {
              active -= 1;
            }
            afterCommit(() => (committed += mine.length));
          },
        },
      },
    });
    const r = relay();
    r.start();
    try {
      await commit(user, 30, 'C');
      await waitFor(async () => (await unsent()) === 0, { what: 'published' });
      c.start();
      await waitFor(async () => (await handledFor(user)).length === 30 && committed === 30, {
        what: '30 handled and reported committed',
      });
      expect(failOnce).toBe(false); // the failing batch ran, rolled back, and was redone
      expect(peak).toBeGreaterThan(1);
      const rows = await handledFor(user);
      expect(new Set(rows.map((row) => row.name)).size).toBe(30);
      // Every delivery acknowledged: every attempt, the rolled-back one too, has finished.
      await waitFor(async () => (await c.lag()) === 0, { what: 'everything acknowledged' });
      expect(committed).toBe(30); // nothing reported for the rolled-back attempt
    } finally {
      await c.stop();
      await r.stop();
    }
  });

  it('acknowledges events it has no handler for without parsing or recording them', async () => {
    const user = newId();
    const r = relay();
    r.start();
    // Handles this user's updates only (the stream holds earlier tests' failing events too).
    const c = new EventConsumer({
      name: 'unhandled',
      orm,
      messaging,
      log,
      handlers: {
        'identity.user.updated': async (e, { em }) => {
          if (e.data.userId !== user) return;
          await em.execute('insert into handled (event_id, user_id, name) values (?, ?, ?)', [
            e.id,
            user,
            e.data.name,
          ]);
        },
        'identity.user.deleted': async () => undefined,
      },
    });
    try {
      const [registered] = await orm.em
        .fork()
        .transactional((em) =>
          recordEvents(em, [event('identity.user.registered', user, profile(user))]),
        );
      // Not even valid JSON: a consumer must not dead-letter what it does not consume.
      await publishRaw(messaging, 'identity.user.registered', 'not json');
      await commit(user, 1);
      await waitFor(async () => (await unsent()) === 0, { what: 'published' });
      c.start();
      await waitFor(async () => (await handledFor(user)).length === 1, { what: 'handled' });
      await waitFor(async () => (await c.lag()) === 0, {
        what: 'everything acknowledged',
        timeoutMs: 3000,
      }).catch(async (error: Error) => {
        const info = await messaging.jsm.consumers.info(
          messaging.streamName('identity'),
          'unhandled',
        );
        throw new Error(
          `${error.message}: ${JSON.stringify(info.config.filter_subject)} pending ${info.num_pending} ack_pending ${info.num_ack_pending} redelivered ${info.num_redelivered}`,
        );
      });
      expect(await handledCount(orm, { consumer: 'unhandled', events: [registered!] })).toBe(0);
      const parked = await listDeadLetters(messaging, 'unhandled');
      expect(parked.filter((d) => d.originalSubject.endsWith('.user.registered'))).toEqual([]);
    } finally {
      await c.stop();
      await r.stop();
    }
  });

  it('catches up after the consumer was down', async () => {
    const user = newId();
    const c1 = consumer('catch_up');
    c1.start();
    await waitFor(async () => (await c1.lag()) >= 0, { what: 'consumer created' });
    await c1.stop();
    const r = relay();
    r.start();
    try {
      await commit(user, 20);
      await waitFor(async () => (await unsent()) === 0, { what: 'published' });
      expect(await handledFor(user)).toHaveLength(0);
      const c2 = consumer('catch_up');
      c2.start();
      await waitFor(async () => (await handledFor(user)).length === 20, { what: 'caught up' });
      await c2.stop();
    } finally {
      await r.stop();
    }
  });
});
