import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@saldo/kit/testing';
import { startRouter } from '../src/app';
import { testRouterConfig } from './harness';

// A router needs no running subgraph to start (the supergraph is a file, JWKS are
// fetched on first use), so these start it alone against the committed supergraph.

const KINDS = ['TCPSocketWrap', 'TCPServerWrap', 'Timeout'] as const;

/** Open sockets, listening servers and timers keeping the process alive. */
function handles(): Record<(typeof KINDS)[number], number> {
  const active = process.getActiveResourcesInfo();
  return Object.fromEntries(
    KINDS.map((kind) => [kind, active.filter((k) => k === kind).length]),
  ) as Record<(typeof KINDS)[number], number>;
}

/** Waits until no more handles are open than `before` (closing may take a round trip). */
async function backTo(before: ReturnType<typeof handles>): Promise<void> {
  await waitFor(() => KINDS.every((kind) => handles()[kind] <= before[kind]) || undefined, {
    what: `handles back to ${JSON.stringify(before)}, now ${JSON.stringify(handles())}`,
  });
}

const listen = (server: Server, port = 0) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('starting and stopping the router', () => {
  it('releases everything on stop: the port is free again at once', async () => {
    const before = handles();
    const router = await startRouter(testRouterConfig());
    const during = handles();
    expect(during.TCPServerWrap).toBeGreaterThan(before.TCPServerWrap);
    expect(during.TCPSocketWrap).toBeGreaterThan(before.TCPSocketWrap); // NATS
    await router.stop();
    await router.stop(); // twice is fine
    await backTo(before);
    const again = createServer();
    expect(await listen(again, router.port)).toBe(router.port);
    await close(again);
  });

  it('closes what it had opened when it fails half-way (port taken, after NATS and Apollo)', async () => {
    const taken = createServer();
    const port = await listen(taken);
    const before = handles();
    await expect(startRouter(testRouterConfig({ PORT: String(port) }))).rejects.toThrow(
      /EADDRINUSE/,
    );
    await backTo(before);
    await close(taken);
  });

  it('closes what it had opened when the supergraph is bad', async () => {
    const path = join(tmpdir(), `saldo-bad-supergraph-${process.pid}.graphql`);
    writeFileSync(path, 'type Query { nope: Nope }');
    const before = handles();
    await expect(startRouter(testRouterConfig({ SUPERGRAPH_PATH: path }))).rejects.toThrow();
    await backTo(before);
  });

  it('leaves nothing open when NATS refuses', async () => {
    const before = handles();
    await expect(
      startRouter(testRouterConfig({ NATS_URL: 'nats://127.0.0.1:1' })),
    ).rejects.toThrow();
    await backTo(before);
  });
});
