import pino from 'pino';
import { createEnvelope, EventConsumer, Messaging, newId, type Orm } from '../src';
import { waitFor, openTestEnvironment, type TestEnvironment } from '../src/testing';

interface Line {
  level: number;
  msg: string;
  err?: unknown;
  stack?: unknown;
}

describe('a consumer started before its stream exists', () => {
  let env: TestEnvironment;
  let orm: Orm;
  let messaging: Messaging;

  beforeAll(async () => {
    env = await openTestEnvironment('wait');
    ({ orm, messaging } = env);
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('says once that it waits (info, no stack), then once that it consumes', async () => {
    const lines: Line[] = [];
    const log = pino(
      { level: 'debug' },
      { write: (line: string) => void lines.push(JSON.parse(line) as Line) },
    );
    const handled: string[] = [];
    const consumer = new EventConsumer({
      name: 'waiter',
      orm,
      messaging,
      log,
      handlers: {
        'identity.user.updated': async (e, { afterCommit }) =>
          afterCommit(() => handled.push(e.id)),
      },
    });
    const stream = messaging.streamName('identity');
    const named = (msg: string) => lines.filter((l) => l.msg === msg);
    consumer.start();
    try {
      // Several looks at the missing stream (debug lines), yet one line at info.
      await waitFor(() => named(`stream ${stream} not there yet`).length >= 3, {
        what: 'three polls of the missing stream',
      });
      const waiting = named(`waiting for stream ${stream}`);
      expect(waiting).toHaveLength(1);
      expect(waiting[0]!.level).toBe(pino.levels.values['info']);
      expect(lines.filter((l) => l.level > pino.levels.values['info']!)).toEqual([]);
      expect(lines.filter((l) => l.err !== undefined || l.stack !== undefined)).toEqual([]);
      expect(named('consuming')).toEqual([]);

      // The producer starts: the stream appears and the consumer takes its events.
      await messaging.ensureDomainStream('identity');
      const userId = newId();
      const envelope = createEnvelope('identity.user.updated', userId, {
        userId,
        email: 'ana@example.com',
        name: 'Ana',
        timeZone: 'America/Sao_Paulo',
        locale: 'pt-BR',
      });
      await messaging.js.publish(messaging.subject(envelope.type), JSON.stringify(envelope), {
        msgID: envelope.id,
      });
      await waitFor(() => handled.includes(envelope.id), { what: 'the event handled' });
      expect(named('consuming')).toHaveLength(1);
      expect(named(`waiting for stream ${stream}`)).toHaveLength(1);
      expect(lines.filter((l) => l.level > pino.levels.values['info']!)).toEqual([]);
    } finally {
      await consumer.stop();
    }
  });
});
