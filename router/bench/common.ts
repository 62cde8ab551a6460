// Shared bench plumbing: child services, percentiles, one JSON line per case.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { cpuSeconds, cpuSecondsOf } from '@saldo/kit/testing';

export { cpuSeconds, cpuSecondsOf };

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function emit(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Starts a Node service and resolves once its /ready answers 200. */
export async function startService(
  name: string,
  script: string,
  env: Record<string, string>,
  port: number,
  args: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...args, script], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) return child;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${name} not ready on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/**
 * Stands in for identity's JWKS so a bench can mint access tokens for thousands of
 * users without registering each (argon2 is slow by design). Only for benches.
 */
export async function benchIdentity(): Promise<{
  server: Server;
  url: string;
  token(userId: string, scopes: string[]): Promise<string>;
}> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'EdDSA', use: 'sig' };
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/.well-known/jwks.json' ? 200 : 404, {
      'content-type': 'application/json',
    });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const key: KeyLike = privateKey;
  return {
    server,
    url: `http://127.0.0.1:${port}/graphql`,
    token: (userId, scopes) =>
      new SignJWT({ scope: scopes.join(' '), tz: 'America/Sao_Paulo' })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'bench' })
        .setIssuer('saldo-identity')
        .setAudience('saldo')
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(key),
  };
}

/** Reads one metric value (first sample) from a Prometheus text endpoint. */
export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(url)).text();
  const line = text.split('\n').find((l) => l.startsWith(name) && !l.startsWith('#'));
  return line ? Number(line.split(' ').pop()) : Number.NaN;
}

/** Where CPU went during `run`, per service, in ms of CPU per unit of work. */
export async function cpuProfile<T>(
  processes: Map<string, { pid?: number }>,
  run: () => Promise<T & { requests: number }>,
): Promise<T & { requests: number; cpu_ms_per_request: Record<string, number> }> {
  const before = new Map([...processes].map(([name, p]) => [name, cpuSeconds(p.pid ?? 0)]));
  const pgBefore = cpuSecondsOf('postgres');
  const natsBefore = cpuSecondsOf('nats-server');
  const result = await run();
  const per = (seconds: number) => round((seconds * 1000) / Math.max(1, result.requests), 3);
  const cpu: Record<string, number> = {};
  for (const [name, p] of processes)
    cpu[name] = per(cpuSeconds(p.pid ?? 0) - (before.get(name) ?? 0));
  cpu['postgres'] = per(cpuSecondsOf('postgres') - pgBefore);
  cpu['nats'] = per(cpuSecondsOf('nats-server') - natsBefore);
  return { ...result, cpu_ms_per_request: cpu };
}
