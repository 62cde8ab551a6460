// bench:list — entries(first: 100) latency at the subgraph with 1,000,000 entries for one user.
// Starts the ledger on a fresh database, seeds with generate_series, measures, drops it.
import { newId, type Subgraph } from '@saldo/kit';
import { mintToken, startTestSubgraph } from '@saldo/kit/testing';
import { startLedger } from '../src/app';
import type { LedgerConfig } from '../src/config';
import { query } from '@saldo/kit';
import { seedEntries } from './seed';

const ENTRIES = Number(process.env['BENCH_ENTRIES'] ?? 1_000_000);
const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 2_000);
const WARMUP = 200;

const LIST = `query List($filter: EntryFilter, $after: String) {
  entries(filter: $filter, first: 100, after: $after) {
    edges { cursor node { id kind status date description amount { amount currency } tags } }
    pageInfo { hasNextPage endCursor } } }`;

interface Case {
  name: string;
  variables: (i: number, cursors: string[]) => Record<string, unknown>;
}

function percentile(sorted: number[], p: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(2));
}

async function measure(url: string, token: string, c: Case, cursors: string[]): Promise<void> {
  const call = async (i: number) => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: LIST, variables: c.variables(i, cursors) }),
    });
    const body = (await response.json()) as {
      errors?: unknown;
      data?: { entries: { edges: unknown[] } };
    };
    if (body.errors || body.data?.entries.edges.length !== 100)
      throw new Error(JSON.stringify(body).slice(0, 300));
    return performance.now() - started;
  };
  for (let i = 0; i < WARMUP; i += 1) await call(i);
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) times.push(await call(i));
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'entries-list',
      case: c.name,
      entries: ENTRIES,
      p50_ms: percentile(times, 0.5),
      p95_ms: percentile(times, 0.95),
      p99_ms: percentile(times, 0.99),
      n: times.length,
    })}\n`,
  );
}

/** Cursors spread over the whole history, so later pages are measured too. */
async function collectCursors(url: string, token: string): Promise<string[]> {
  const cursors: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: LIST, variables: { after } }),
    });
    const body = (await response.json()) as {
      data: { entries: { pageInfo: { endCursor: string } } };
    };
    after = body.data.entries.pageInfo.endCursor;
    cursors.push(after);
  }
  return cursors;
}

async function main(): Promise<void> {
  const t = await startTestSubgraph<Subgraph, LedgerConfig>('ledger_bench', startLedger, {
    LEDGER_SCHEDULER_INTERVAL_MS: 0,
    DATABASE_POOL_MAX: 10,
  });
  try {
    const userId = newId();
    const seeded = await seedEntries(t.subgraph.orm.em.fork(), userId, ENTRIES);
    await query(t.subgraph.orm.em.fork(), 'analyze');
    const token = await mintToken('ledger', { sub: userId }, 3600);
    const url = t.subgraph.url;
    const cursors = await collectCursors(url, token);
    const cases: Case[] = [
      { name: 'entries(first:100)', variables: () => ({}) },
      {
        name: 'entries(first:100, after: cursor)',
        variables: (i, c) => ({ after: c[i % c.length] }),
      },
      {
        name: 'entries(first:100, filter: { accountId })',
        variables: () => ({ filter: { accountId: seeded.accountIds[1] } }),
      },
      {
        name: 'entries(first:100, filter: { categoryId })',
        variables: () => ({ filter: { categoryId: seeded.categoryIds[0] } }),
      },
      {
        name: 'entries(first:100, filter: { kind: INCOME, from, to })',
        variables: () => ({ filter: { kind: 'INCOME', from: '2020-01-01', to: '2022-12-31' } }),
      },
    ];
    for (const c of cases) await measure(url, token, c, cursors);
  } finally {
    await t.cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
