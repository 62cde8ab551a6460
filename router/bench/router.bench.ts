// pnpm bench:router — the same supergraph and operation mix, in one run, through
//   (a) our router (one Node process, as `pnpm start` runs it),
//   (b) a plain @apollo/gateway + @apollo/server standalone server with default settings,
//   (c) Hive Gateway's CLI with the Hive Router runtime (Rust query planner), forked into one
//       worker per core as its docs recommend for production,
// one after another against the same running identity and ledger subgraphs (and PostgreSQL),
// each started on its own port, checked, warmed up, measured with the same closed-loop load
// and stopped. One JSON line per gateway, then one with the ratios.
//
// Our router verifies the client's access token and mints internal tokens per user; the peers
// ignore client auth and send every subgraph a static internal token minted here for the bench
// user (long-lived, same claims as the router's). They receive the same requests, access token
// included.
//
// Hive Gateway deduplicates identical in-flight subgraph queries by default. With one bench user,
// every connection sends the same few queries with the same token, so that collapses far more
// subgraph work than traffic from many users would: it is measured as shipped and, unless
// HIVE_NO_DEDUPE=0, again with that off. Its `--jit` is not used: with the router runtime
// (gateway 2.15.1) it answered `me` with null.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { decodeJwt } from 'jose';
import { createInternalSigner, DEFAULT_TIME_ZONE, USER_SCOPES } from '@saldo/kit';
import { cpuSeconds, emit, round, startService, stopService } from './common';
import { runLoad, type LoadResult } from './load';
import { startSystem, type System } from './system';

const CONNECTIONS = Number(process.env['CONNECTIONS'] ?? 50);
const SECONDS = Number(process.env['SECONDS'] ?? 20);
const WARMUP_SECONDS = Number(process.env['WARMUP_SECONDS'] ?? 5);
const ENTRIES = Number(process.env['ENTRIES'] ?? 200);
const HIVE_FORK = Number(process.env['HIVE_FORK'] ?? availableParallelism());
/** Also measure Hive Gateway with its in-flight subgraph request deduplication off. */
const HIVE_NO_DEDUPE = process.env['HIVE_NO_DEDUPE'] !== '0';
const SUBGRAPHS = ['identity', 'ledger'];
const PEER_PORT = 4110;

/** The mix, sent round-robin by every connection. */
const OPERATIONS = [
  // identity + ledger root fields, fetched in parallel
  '{ me { id name } accounts { id name balance { amount currency } } }',
  // ledger, a page of entries with their account
  '{ entries(first: 20) { edges { node { id amount { amount } date account { name } } } } }',
  // identity, then ledger through an entity fetch (User.accounts)
  '{ me { name accounts { id name } } }',
  // ledger, small
  '{ accounts { id } }',
];

interface GraphQLBody<T> {
  data?: T;
  errors?: unknown;
}

async function post<T>(url: string, body: string, token?: string): Promise<GraphQLBody<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  return (await response.json()) as GraphQLBody<T>;
}

async function gql<T>(url: string, query: string, variables: object, token?: string): Promise<T> {
  const body = await post<T>(url, JSON.stringify({ query, variables }), token);
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A user with 3 accounts and ENTRIES entries, created through our router. */
async function seed(url: string): Promise<{ accessToken: string; userId: string; tz: string }> {
  const { register } = await gql<{ register: { accessToken: string } }>(
    url,
    'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }',
    {
      i: {
        email: `bench.router.${Date.now()}@example.com`,
        password: 'correct horse battery 9',
        name: 'Bench Router',
      },
    },
  );
  const token = register.accessToken;
  const accounts: string[] = [];
  for (const [name, type] of [
    ['Checking', 'CHECKING'],
    ['Savings', 'SAVINGS'],
    ['Wallet', 'CASH'],
  ] as const) {
    const { createAccount } = await gql<{ createAccount: { id: string } }>(
      url,
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      { i: { name, type, currency: 'BRL' } },
      token,
    );
    accounts.push(createAccount.id);
  }
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ENTRIES; i = next++) {
      await gql(
        url,
        'mutation($i: CreateEntryInput!) { createEntry(input: $i) { id } }',
        {
          i: {
            kind: 'INCOME',
            accountId: accounts[i % accounts.length],
            amount: `${10 + (i % 90)}.${String(i % 100).padStart(2, '0')}`,
            description: `bench ${i}`,
          },
        },
        token,
      );
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const claims = decodeJwt(token);
  if (typeof claims.sub !== 'string') throw new Error('access token without sub');
  return {
    accessToken: token,
    userId: claims.sub,
    tz: typeof claims['tz'] === 'string' ? claims['tz'] : DEFAULT_TIME_ZONE,
  };
}

/** Every pid in the tree rooted at `root` (a forked gateway's workers included). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const pids = [root];
  for (let i = 0; i < pids.length; i++) pids.push(...(children.get(pids[i]!) ?? []));
  return pids;
}

/** CPU seconds of each PostgreSQL backend serving a database whose name starts with `prefix`. */
function postgresBackends(prefix: string): Map<number, number> {
  const backends = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.includes(` ${prefix}`)) backends.set(Number(entry), cpuSeconds(Number(entry)));
    } catch {
      // exited meanwhile
    }
  }
  return backends;
}

/** Busy and total CPU time of the whole host, from /proc/stat (in ticks). */
function hostCpu(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
  const ticks = fields.map(Number);
  const total = ticks.slice(0, 8).reduce((sum, n) => sum + n, 0);
  return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
}

interface Gateway {
  name: string;
  how: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Spawns a peer gateway (its output goes to stderr) and waits until it answers GraphQL. */
async function startPeer(
  name: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  cwd?: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 2, 2],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      const body = await post<{ __typename: string }>(url, '{"query":"{ __typename }"}');
      if (body.data?.__typename === 'Query') return { child, url };
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      await stopService(child);
      throw new Error(`${name} not answering on ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** An installed package's version, found from its entry point (not all export package.json). */
function version(pkg: string): string {
  for (let dir = dirname(require.resolve(pkg)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === pkg && manifest.version) return manifest.version;
    } catch {
      // no package.json here
    }
  }
  return 'unknown';
}

/** Sends each operation once: no errors, and the same data as through our router. */
async function check(gateway: Gateway, token: string, expected: unknown[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const [i, query] of OPERATIONS.entries()) {
    const body = await post(gateway.url, JSON.stringify({ query }), token);
    if (body.errors || !body.data) {
      throw new Error(`${gateway.name}: ${query} -> ${JSON.stringify(body.errors)}`);
    }
    if (expected.length > 0 && !isDeepStrictEqual(body.data, expected[i])) {
      process.stderr.write(`warning: ${gateway.name} answered ${query} with different data\n`);
    }
    results.push(body.data);
  }
  return results;
}

interface Measured extends LoadResult {
  cpu_ms_per_request: Record<string, number>;
  gateway_cpu_cores: number;
  host_cpu_busy_pct: number;
}

async function measure(gateway: Gateway, system: System, token: string): Promise<Measured> {
  const body = (query: string) => JSON.stringify({ query });
  const spec = {
    url: gateway.url,
    connections: CONNECTIONS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    bodies: OPERATIONS.map(body),
  };
  await runLoad({ ...spec, seconds: 0, warmupSeconds: WARMUP_SECONDS });
  const pids = processTree(gateway.pid);
  const gatewayCpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const subgraphCpu = () =>
    SUBGRAPHS.map((name) => cpuSeconds(system.processes.get(name)?.pid ?? 0));
  // Only the backends of this run's databases: PostgreSQL is shared with whatever else runs.
  const pgPrefix = `${system.namespace}_`;
  const before = {
    gateway: gatewayCpu(),
    subgraphs: subgraphCpu(),
    pg: postgresBackends(pgPrefix),
  };
  const host0 = hostCpu();
  const result = await runLoad({ ...spec, seconds: SECONDS, warmupSeconds: 0 });
  const host1 = hostCpu();
  const used = {
    gateway: gatewayCpu() - before.gateway,
    subgraphs: subgraphCpu().map((s, i) => s - (before.subgraphs[i] ?? 0)),
    pg: [...postgresBackends(pgPrefix)].reduce(
      (sum, [pid, seconds]) => sum + seconds - (before.pg.get(pid) ?? 0),
      0,
    ),
  };
  const per = (seconds: number) => round((seconds * 1000) / Math.max(1, result.requests), 3);
  return {
    ...result,
    cpu_ms_per_request: {
      gateway: per(used.gateway),
      ...Object.fromEntries(SUBGRAPHS.map((name, i) => [name, per(used.subgraphs[i] ?? 0)])),
      postgres: per(used.pg),
    },
    gateway_cpu_cores: round(used.gateway / result.duration_s, 2),
    host_cpu_busy_pct: round(
      (100 * (host1.busy - host0.busy)) / Math.max(1, host1.total - host0.total),
    ),
  };
}

async function main() {
  const system = await startSystem({ subgraphs: SUBGRAPHS });
  const scratch = mkdtempSync(join(tmpdir(), 'saldo-bench-router-'));
  const results = new Map<string, Measured>();
  try {
    const { accessToken, userId, tz } = await seed(system.routerUrl);

    // The peers' inputs: the committed supergraph pointed at this run's subgraphs, and one
    // internal token per subgraph for the bench user.
    const sign = await createInternalSigner(system.internalPrivateKey, 'saldo-router');
    const tokens: Record<string, string> = {};
    for (const name of SUBGRAPHS) {
      tokens[name] = await sign(name, { sub: userId, scopes: USER_SCOPES, timeZone: tz }, 3600);
    }
    const supergraphPath = join(scratch, 'supergraph.graphql');
    writeFileSync(
      supergraphPath,
      readFileSync(join(__dirname, '..', '..', 'supergraph.graphql'), 'utf8').replace(
        /@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g,
        (match, name: string) => {
          const url = system.subgraphUrls.get(name);
          return url ? `@join__graph(name: "${name}", url: "${url}")` : match;
        },
      ),
    );
    const peerEnv = { SUPERGRAPH_PATH: supergraphPath, SUBGRAPH_TOKENS: JSON.stringify(tokens) };

    const router = system.processes.get('router');
    const apolloHow =
      `@apollo/gateway ${version('@apollo/gateway')} + @apollo/server ${version('@apollo/server')}` +
      ' startStandaloneServer, defaults, 1 node process (NODE_ENV=production)';
    const hiveHow =
      `@graphql-hive/gateway ${version('@graphql-hive/gateway')} CLI --fork ${HIVE_FORK}` +
      ` --hive-router-runtime (@graphql-hive/router-runtime ${version('@graphql-hive/router-runtime')})` +
      ', NODE_ENV=production';
    const hiveBin = join(dirname(require.resolve('@graphql-hive/gateway')), 'bin.js');
    const gateways: (() => Promise<Gateway>)[] = [
      async () => ({
        name: 'ours',
        how: 'saldo router, 1 node process (node dist/src/main.js, NODE_ENV=production)',
        url: system.routerUrl,
        pid: router?.pid ?? 0,
        stop: async () => {},
      }),
      async () => {
        // The same router with in-flight read dedupe off, to compare like with like.
        const port = PEER_PORT + 10;
        const child = await startService(
          'router-no-dedupe',
          join(__dirname, '..', 'src', 'main.js'),
          {
            NODE_ENV: 'production',
            NATS_NAMESPACE: system.namespace,
            INTERNAL_JWT_PRIVATE_KEY: system.internalPrivateKey,
            SUBGRAPH_URLS: [...system.subgraphUrls].map(([n, u]) => `${n}=${u}`).join(','),
            RATE_LIMIT_PER_SECOND: '0',
            DEDUPE_SUBGRAPH_READS: 'false',
          },
          port,
        );
        return {
          name: 'ours-no-dedupe',
          how: 'saldo router, 1 node process, DEDUPE_SUBGRAPH_READS=false',
          url: `http://127.0.0.1:${port}/graphql`,
          pid: child.pid ?? 0,
          stop: () => stopService(child),
        };
      },
      async () => {
        const { child, url } = await startPeer(
          'apollo-gateway',
          [join(__dirname, 'peers', 'apollo-gateway.js')],
          peerEnv,
          PEER_PORT,
        );
        const stop = () => stopService(child);
        return { name: 'plain', how: apolloHow, url, pid: child.pid ?? 0, stop };
      },
      ...[true, ...(HIVE_NO_DEDUPE ? [false] : [])].map((dedupe, i) => async () => {
        const port = PEER_PORT + 1 + i;
        const { child, url } = await startPeer(
          'hive-gateway',
          [
            hiveBin,
            'supergraph',
            supergraphPath,
            '--hive-router-runtime',
            '--fork',
            String(HIVE_FORK),
            '--config-path',
            join(__dirname, 'peers', 'hive-gateway.config.js'),
            '--host',
            '127.0.0.1',
            '--port',
            String(port),
          ],
          { ...peerEnv, SUBGRAPH_DEDUPE: String(dedupe) },
          port,
          scratch,
        );
        return {
          name: dedupe ? 'hive' : 'hive-no-dedupe',
          how: dedupe
            ? `${hiveHow}, defaults (in-flight subgraph request dedupe on)`
            : `${hiveHow}, in-flight subgraph request dedupe off`,
          url,
          pid: child.pid ?? 0,
          stop: () => stopService(child),
        };
      }),
    ];

    let expected: unknown[] = [];
    for (const start of gateways) {
      const load = loadavg().map((n) => round(n, 2));
      const gateway = await start();
      try {
        const data = await check(gateway, accessToken, expected);
        if (expected.length === 0) expected = data;
        const measured = await measure(gateway, system, accessToken);
        results.set(gateway.name, measured);
        emit({
          bench: 'router',
          case: `${gateway.name} ${gateway.how}`,
          throughput_per_s: measured.throughput_per_s,
          p50_ms: measured.p50_ms,
          p99_ms: measured.p99_ms,
          errors: measured.errors,
          duration_s: measured.duration_s,
          requests: measured.requests,
          p95_ms: measured.p95_ms,
          connections: CONNECTIONS,
          operations: OPERATIONS.length,
          cpu_ms_per_request: measured.cpu_ms_per_request,
          gateway_cpu_cores: measured.gateway_cpu_cores,
          host_cpu_busy_pct: measured.host_cpu_busy_pct,
          load_avg_before: load,
          ...(measured.firstError ? { first_error: measured.firstError } : {}),
        });
      } finally {
        await gateway.stop();
      }
    }

    const throughput = (name: string) => results.get(name)?.throughput_per_s ?? Number.NaN;
    const ratio = (a: string, b: string) => round(throughput(a) / throughput(b), 2);
    emit({
      bench: 'router',
      case: 'ratios (throughput)',
      ours_over_hive: ratio('ours', 'hive'),
      ours_over_plain: ratio('ours', 'plain'),
      ...(results.has('hive-no-dedupe')
        ? {
            ours_over_hive_no_dedupe: ratio('ours', 'hive-no-dedupe'),
            ours_no_dedupe_over_hive_no_dedupe: ratio('ours-no-dedupe', 'hive-no-dedupe'),
          }
        : {}),
      ours_no_dedupe_over_plain: ratio('ours-no-dedupe', 'plain'),
      goal_ours_ge_hive: throughput('ours') >= throughput('hive'),
      goal_ours_ge_1_5x_plain: throughput('ours') >= 1.5 * throughput('plain'),
      cpu_cores: availableParallelism(),
      load_avg_after: loadavg().map((n) => round(n, 2)),
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await system.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
