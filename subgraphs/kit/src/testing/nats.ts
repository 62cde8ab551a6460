import { Messaging } from '../events/messaging';

export const TEST_NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** Deletes every stream of a test namespace (names start with `<NS>_`). */
export async function deleteNamespaceStreams(namespace: string): Promise<void> {
  if (!namespace) throw new Error('refusing to delete streams without a namespace');
  const messaging = await Messaging.connect({
    url: TEST_NATS_URL,
    name: 'test-cleanup',
    namespace,
  });
  try {
    const prefix = `${namespace.toUpperCase()}_`;
    for await (const name of messaging.jsm.streams.names()) {
      if (name.startsWith(prefix)) await messaging.jsm.streams.delete(name);
    }
  } finally {
    await messaging.close();
  }
}
