import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Messaging } from '../src';
import { waitFor } from '../src/testing';

/**
 * A TCP proxy in front of the real NATS that forwards everything except JetStream API
 * requests: the connection comes up, `jetstreamManager()`'s account check then times out.
 */
class NoJetStreamProxy {
  private server: Server | null = null;
  readonly clients = new Set<Socket>();
  port = 0;

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(4222, '127.0.0.1');
      this.clients.add(client);
      client.on('close', () => {
        this.clients.delete(client);
        upstream.destroy();
      });
      for (const s of [client, upstream]) s.on('error', () => s.destroy());
      client.on('data', (chunk: Buffer) => {
        if (!chunk.includes('$JS.API.')) upstream.write(chunk);
      });
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    for (const s of this.clients) s.destroy();
    await closed;
  }
}

describe('Messaging.connect', () => {
  const proxy = new NoJetStreamProxy();

  beforeAll(() => proxy.open());
  afterAll(() => proxy.close());

  it('closes the NATS connection when JetStream cannot be reached', async () => {
    await expect(
      Messaging.connect({ url: `nats://127.0.0.1:${proxy.port}`, name: 'no-jetstream' }),
    ).rejects.toThrow();
    // The client hangs up itself: no connection (and its reconnect loop) is left behind.
    await waitFor(() => proxy.clients.size === 0, { timeoutMs: 10_000, what: 'client hang-up' });
  }, 30_000);
});
