import { nanos } from '@nats-io/transport-node';
import {
  createEnvelope,
  createLogger,
  EventConsumer,
  event,
  listDeadLetters,
  Messaging,
  newId,
  OutboxRelay,
  recordEvents,
  replayDeadLetters,
  type Orm,
} from '../src';
import { waitFor, openTestEnvironment, type TestEnvironment } from '../src/testing';

const log = createLogger('secret-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
const RESET = 'identity.password_reset.requested';

const resetData = (userId: string) => ({
  userId,
  email: 'ana@example.com',
  name: 'Ana',
  locale: 'pt-BR',
  token: `secret-token-${newId()}`,
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
});

describe('events carrying a secret', () => {
  let env: TestEnvironment;
  let orm: Orm;
  let messaging: Messaging;

  beforeAll(async () => {
    env = await openTestEnvironment('secret');
    ({ orm, messaging } = env);
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  const identity = () => messaging.streamName('identity');
  const secrets = () => messaging.secretStreamName('identity');
  const lastOf = (stream: string, type: string) =>
    messaging.jsm.streams
      .getMessage(stream, { last_by_subj: messaging.subject(type) })
      .catch(() => null);
  const publishRaw = async (type: string, data: object, userId: string) => {
    const envelope = createEnvelope(type as typeof RESET, userId, data as never);
    await messaging.js.publish(messaging.subject(type), JSON.stringify(envelope), {
      msgID: envelope.id,
    });
  };

  it('moves secret subjects out of a domain stream created the old way, purging them', async () => {
    // IDENTITY as earlier versions made it: every identity subject, kept forever.
    await messaging.jsm.streams.add({
      name: identity(),
      subjects: [messaging.subject('identity.>')],
    });
    const userId = newId();
    await publishRaw(RESET, resetData(userId), userId);
    await publishRaw('identity.user.deleted', { userId }, userId);
    expect(await lastOf(identity(), RESET)).not.toBeNull();

    await messaging.ensureDomainStream('identity');
    const info = await messaging.jsm.streams.info(identity());
    expect(info.config.subjects).toEqual([messaging.subject('identity.user.>')]);
    expect(info.config.max_age).toBe(0); // the domain stream keeps its events
    expect(await lastOf(identity(), RESET)).toBeNull();
    expect(await lastOf(identity(), 'identity.user.deleted')).not.toBeNull();
  });

  it('keeps secret events in their own stream, no longer than its age limit', async () => {
    await messaging.ensureSecretStream('identity', 60_000);
    const config = (await messaging.jsm.streams.info(secrets())).config;
    expect(config.subjects).toEqual([messaging.subject(RESET)]);
    expect(config.max_age).toBe(nanos(60_000));
    expect(messaging.streamOf(RESET)).toBe(secrets());
    expect(messaging.streamOf('identity.user.registered')).toBe(identity());

    const userId = newId();
    const relay = new OutboxRelay({
      databaseUrl: env.databaseUrl,
      messaging,
      log,
      pollIntervalMs: 100,
    });
    await orm.em
      .fork()
      .transactional((em) => recordEvents(em, [event(RESET, userId, resetData(userId))]));
    relay.start();
    try {
      await waitFor(
        async () => (await lastOf(secrets(), RESET))?.json<{ userId: string }>().userId === userId,
        { what: 'the reset event in IDENTITY_SECRETS' },
      );
    } finally {
      await relay.stop();
    }
    expect(await lastOf(identity(), RESET)).toBeNull();

    // A short lifetime: the message is gone once it is over.
    await messaging.ensureSecretStream('identity', 1500);
    expect((await messaging.jsm.streams.info(secrets())).config.max_age).toBe(nanos(1500));
    await publishRaw(RESET, resetData(userId), userId);
    await waitFor(async () => (await messaging.jsm.streams.info(secrets())).state.messages === 0, {
      what: 'the secret stream empty',
      timeoutMs: 15_000,
    });
    expect(await lastOf(secrets(), RESET)).toBeNull();
  });

  it('dead-letters a secret event without its payload; replay only removes it', async () => {
    await messaging.ensureDeadLetterStream();
    await messaging.ensureSecretStream('identity', 60_000);
    const userId = newId();
    const consumer = new EventConsumer({
      name: 'notifier',
      orm,
      messaging,
      log,
      maxDeliver: 1,
      handlers: {
        [RESET]: async () => {
          throw new Error('mail server down');
        },
      },
    });
    consumer.start();
    try {
      await publishRaw(RESET, resetData(userId), userId);
      const [letter] = await waitFor(
        async () => {
          const found = await listDeadLetters(messaging, 'notifier');
          return found.length > 0 ? found : false;
        },
        { what: 'the dead letter' },
      );
      expect(letter).toEqual(
        expect.objectContaining({
          originalSubject: messaging.subject(RESET),
          originalStream: secrets(),
          redacted: true,
          data: '',
          reason: expect.stringContaining('mail server down'),
        }),
      );
    } finally {
      await consumer.stop();
    }
    const before = (await messaging.jsm.streams.info(secrets())).state.messages;
    expect(await replayDeadLetters(messaging, 'notifier')).toBe(1);
    expect(await listDeadLetters(messaging, 'notifier')).toEqual([]);
    expect((await messaging.jsm.streams.info(secrets())).state.messages).toBe(before);
  });
});
