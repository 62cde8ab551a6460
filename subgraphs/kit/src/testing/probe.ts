import { Client } from 'pg';
import { TEST_SERVER_URL } from './database';

const tenths = (ms: number) => Math.round(ms * 10) / 10;

/**
 * For benchmarks: the time fixed pieces of Node and PostgreSQL work take now (2,000
 * `select 1` round trips among them).
 * This machine's speed drifts within a day; printed beside a benchmark's figures, the
 * probe tells runs of different hours apart.
 */
export async function machineProbe(): Promise<{
  node_json_ms: number;
  pg_series_ms: number;
  pg_round_trips_ms: number;
}> {
  const json = JSON.stringify(
    Array.from({ length: 2_000 }, (_, i) => ({ id: `a${i}`, n: i, tags: [1, 2], text: 'x' })),
  );
  let started = performance.now();
  for (let i = 0; i < 50; i += 1) JSON.parse(json);
  const nodeMs = performance.now() - started;
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    started = performance.now();
    await client.query('select count(*) from generate_series(1, 3000000)');
    const seriesMs = performance.now() - started;
    // Wake-ups and loopback round trips: what a consumer's batches wait on.
    started = performance.now();
    for (let i = 0; i < 2000; i += 1) await client.query('select 1');
    const roundTripsMs = performance.now() - started;
    return {
      node_json_ms: tenths(nodeMs),
      pg_series_ms: tenths(seriesMs),
      pg_round_trips_ms: tenths(roundTripsMs),
    };
  } finally {
    await client.end();
  }
}
