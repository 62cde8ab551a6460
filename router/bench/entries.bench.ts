// pnpm bench:entries — createEntry through the router with the whole system running
// (router, identity, ledger, and the consolidation consumer when it exists), at fixed
// concurrency (50 and 200), each next to a floor (bare node:http + one INSERT) under the
// same load; verifies every acknowledged entry exists once and consolidation agrees; then
// entries(first: 100) through the router. One JSON line per case.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { cpuProfile, emit, round } from './common';
import { startFloor } from './floor';
import { runLoad } from './load';
import { startSystem, type System } from './system';

const ROOT = join(__dirname, '..', '..', '..');
const CONCURRENCIES = (process.env['CONCURRENCIES'] ?? '50,200').split(',').map(Number);
const SECONDS = Number(process.env['SECONDS'] ?? 20);

async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function createEntryBody(accountId: string): string {
  return JSON.stringify({
    query: 'mutation($i: CreateEntryInput!) { createEntry(input: $i) { id } }',
    variables: { i: { kind: 'INCOME', accountId, amount: '10.50', description: 'bench' } },
  });
}

async function signUp(url: string, i: number): Promise<{ token: string; accountId: string }> {
  const { register } = await gql<{ register: { accessToken: string } }>(
    url,
    'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }',
    {
      i: {
        email: `bench.${Date.now()}.${i}@example.com`,
        password: 'correct horse battery 9',
        name: `Bench ${i}`,
      },
    },
  );
  const { createAccount } = await gql<{ createAccount: { id: string } }>(
    url,
    'mutation { createAccount(input: { name: "Checking", type: CHECKING, currency: "BRL" }) { id } }',
    {},
    register.accessToken,
  );
  return { token: register.accessToken, accountId: createAccount.id };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function scalar(serverUrl: string, database: string, sql: string, values: unknown[] = []) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(sql, values);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** Every acknowledged entry exists exactly once, and nothing else was written. */
async function verifyAcknowledged(system: System, ids: readonly string[]) {
  const ledgerDb = system.databases.get('ledger')!;
  const distinct = new Set(ids).size;
  const found = await scalar(
    system.serverUrl,
    ledgerDb,
    'select count(*) as n from entries where id = any($1::uuid[])',
    [[...new Set(ids)]],
  );
  const total = await scalar(system.serverUrl, ledgerDb, 'select count(*) as n from entries');
  return { acknowledged: ids.length, distinct, found, ledger_entries: total };
}

/** Waits for consolidation to have applied every ledger entry, then runs its verify. */
async function verifyConsolidation(system: System, ledgerEntries: number) {
  const db = system.databases.get('consolidation');
  if (!db) return { consolidation: 'not running' };
  const projected = async () => {
    const schema = await new Promise<string>((resolve, reject) => {
      const url = new URL(system.serverUrl);
      url.pathname = `/${db}`;
      const client = new Client({ connectionString: url.toString() });
      client
        .connect()
        .then(() => client.query<{ s: string }>('select active_schema as s from projection_state'))
        .then(({ rows }) => resolve(rows[0]!.s), reject)
        .finally(() => void client.end());
    });
    return scalar(system.serverUrl, db, `select count(*) as n from ${schema}.entries`);
  };
  const lagAtEnd = ledgerEntries - (await projected());
  const t0 = Date.now();
  let behind = lagAtEnd;
  while (behind > 0 && Date.now() - t0 < 120_000) {
    await wait(250);
    behind = ledgerEntries - (await projected());
  }
  const script = join(ROOT, 'subgraphs', 'consolidation', 'dist', 'src', 'verify.js');
  const verify = spawnSync(process.execPath, [script, '--database', db], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      DATABASE_URL: system.serverUrl,
      INTERNAL_JWT_PRIVATE_KEY: system.internalPrivateKey,
      INTERNAL_JWT_PUBLIC_KEY: system.internalPublicKey,
      LEDGER_URL: system.subgraphUrls.get('ledger')!,
    },
    encoding: 'utf8',
  });
  const summary = verify.stdout.trim().split('\n').pop() ?? '';
  return {
    consolidation_lag_at_end: lagAtEnd,
    consolidation_catch_up_s: round((Date.now() - t0) / 1000, 2),
    consolidation_behind_after_wait: behind,
    consolidation_verify_exit: verify.status,
    consolidation_verify: summary ? (JSON.parse(summary) as unknown) : verify.stderr.slice(0, 300),
  };
}

async function main() {
  const wanted = (process.env['SUBGRAPHS'] ?? 'identity,ledger,consolidation').split(',');
  const subgraphs = wanted.filter((name) =>
    existsSync(join(ROOT, 'subgraphs', name, 'dist', 'src', 'main.js')),
  );
  const nodeArgs = process.env['PROFILE']
    ? { [process.env['PROFILE']]: ['--cpu-prof', '--cpu-prof-dir=/tmp/saldo-prof'] }
    : {};
  const system = await startSystem({ subgraphs, nodeArgs });
  const floor = await startFloor(system.serverUrl);
  const floorProcess = new Map([['floor', { pid: process.pid }]]);
  const acknowledged: string[] = [];
  try {
    const url = system.routerUrl;
    // One user per client, one checking account each: the realistic case.
    const most = Math.max(...CONCURRENCIES);
    const users: { token: string; accountId: string }[] = [];
    for (let i = 0; i < most; i += 25)
      users.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(25, most - i) }, (_, j) => signUp(url, i + j)),
        )),
      );
    const via = `via router (${subgraphs.join('+')})`;
    for (const connections of CONCURRENCIES) {
      const floorRun = await cpuProfile(floorProcess, () =>
        runLoad({
          url: floor.url,
          connections,
          seconds: SECONDS,
          headers: { 'content-type': 'application/json' },
          bodies: [],
          perClient: users.slice(0, connections).map(({ token, accountId }) => ({
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: createEntryBody(accountId),
          })),
        }),
      );
      emit({
        bench: 'entries',
        case: `floor c=${connections}: bare node:http + one INSERT per request`,
        ...floorRun,
      });
      const { ids = [], ...manyUsers } = await cpuProfile(system.processes, () =>
        runLoad({
          url,
          connections,
          seconds: SECONDS,
          headers: { 'content-type': 'application/json' },
          bodies: [],
          collectIds: true,
          perClient: users.slice(0, connections).map(({ token, accountId }) => ({
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: createEntryBody(accountId),
          })),
        }),
      );
      acknowledged.push(...ids);
      emit({
        bench: 'entries',
        case: `createEntry c=${connections}, one user per client, ${via}`,
        ...manyUsers,
        ...(connections === 50
          ? {
              saldo_over_floor: round(
                manyUsers.throughput_per_s / Math.max(1, floorRun.throughput_per_s),
                3,
              ),
            }
          : {}),
        floor_throughput_per_s: floorRun.throughput_per_s,
      });
    }

    // One account written by every client: the worst case, serialised on its row lock.
    const [first] = users;
    const { ids = [], ...oneAccount } = await cpuProfile(system.processes, () =>
      runLoad({
        url,
        connections: 50,
        seconds: SECONDS,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${first!.token}` },
        bodies: [createEntryBody(first!.accountId)],
        collectIds: true,
      }),
    );
    acknowledged.push(...ids);
    emit({ bench: 'entries', case: `createEntry c=50, one account, ${via}`, ...oneAccount });

    const checked = await verifyAcknowledged(system, acknowledged);
    const consolidation = await verifyConsolidation(system, checked.ledger_entries);
    emit({
      bench: 'entries',
      case: 'verify after load',
      every_acknowledged_once:
        checked.distinct === checked.acknowledged &&
        checked.found === checked.distinct &&
        checked.ledger_entries === checked.found,
      ...checked,
      ...consolidation,
    });

    const list = JSON.stringify({
      query: '{ entries(first: 100) { edges { node { id amount { amount } date } } } }',
    });
    const listed = await runLoad({
      url,
      connections: 10,
      seconds: 10,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first!.token}` },
      bodies: [list],
    });
    emit({
      bench: 'entries',
      case: `entries(first:100) c=10 via router, ${oneAccount.requests} entries`,
      ...listed,
    });
  } finally {
    await floor.stop();
    await system.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
