// A closed-loop load generator: `connections` clients each sending the next request as
// soon as the previous one answered, for `seconds`. Counts GraphQL errors as errors.
import { fork } from 'node:child_process';
import { Pool } from 'undici';
import { percentile, round } from './common';

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  warmupSeconds?: number;
  headers: Record<string, string>;
  /** Request bodies, used round-robin by every client. */
  bodies: string[];
  /** Or one fixed request per client (client i sends perClient[i % length]). */
  perClient?: { headers: Record<string, string>; body: string }[];
  /** Return the first `"id":"…"` of every acknowledged (error-free) answer, warm-up included. */
  collectIds?: boolean;
}

export interface LoadResult {
  requests: number;
  errors: number;
  throughput_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  duration_s: number;
  firstError?: string;
  ids?: string[];
}

const ID = /"id":"([^"]+)"/;

async function run(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url);
  const pool = new Pool(url.origin, { connections: spec.connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  let measuring = false;
  const ids: string[] = [];
  const send = async (client: number) => {
    const own = spec.perClient?.[client % spec.perClient.length];
    const body = own?.body ?? spec.bodies[next++ % spec.bodies.length]!;
    const headers = own?.headers ?? spec.headers;
    const t0 = performance.now();
    try {
      const response = await pool.request({ path: url.pathname, method: 'POST', headers, body });
      const text = await response.body.text();
      const failed = response.statusCode !== 200 || text.includes('"errors"');
      if (spec.collectIds && !failed) {
        const id = ID.exec(text)?.[1];
        if (id) ids.push(id);
      }
      if (measuring) {
        latencies.push(performance.now() - t0);
        if (failed) {
          errors += 1;
          firstError ??= text.slice(0, 300);
        }
      }
    } catch (error) {
      if (measuring) {
        errors += 1;
        firstError ??= String(error);
      }
    }
  };
  const loop = async (client: number, until: () => boolean) => {
    while (!until()) await send(client);
  };
  const warmupEnd = Date.now() + (spec.warmupSeconds ?? 3) * 1000;
  await Promise.all(
    Array.from({ length: spec.connections }, (_, i) => loop(i, () => Date.now() > warmupEnd)),
  );
  measuring = true;
  const t0 = performance.now();
  const end = Date.now() + spec.seconds * 1000;
  await Promise.all(
    Array.from({ length: spec.connections }, (_, i) => loop(i, () => Date.now() > end)),
  );
  const duration = (performance.now() - t0) / 1000;
  await pool.close();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    throughput_per_s: round(latencies.length / duration),
    p50_ms: round(percentile(sorted, 50), 2),
    p95_ms: round(percentile(sorted, 95), 2),
    p99_ms: round(percentile(sorted, 99), 2),
    duration_s: round(duration, 2),
    ...(firstError ? { firstError } : {}),
    ...(spec.collectIds ? { ids } : {}),
  };
}

/** Runs the load from a separate process, so it does not share the bench's event loop. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--load']);
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('error', reject);
    child.send(spec);
  });
}

if (process.argv[2] === '--load') {
  process.once('message', (spec) => {
    void run(spec as LoadSpec).then((result) => {
      process.send?.(result, () => process.exit(0));
    });
  });
}
