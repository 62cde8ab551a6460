// pnpm bench:entries — createEntry through the router with the whole system running
// (router, identity, ledger, and the consolidation consumer when it exists), at fixed
// concurrency; then entries(first: 100) through the router. One JSON line per case.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpuProfile, emit } from './common';
import { runLoad } from './load';
import { startSystem } from './system';

const CONNECTIONS = Number(process.env['CONNECTIONS'] ?? 50);
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

async function main() {
  const wanted = (process.env['SUBGRAPHS'] ?? 'identity,ledger,consolidation').split(',');
  const subgraphs = wanted.filter((name) =>
    existsSync(join(__dirname, '..', '..', '..', 'subgraphs', name, 'dist', 'src', 'main.js')),
  );
  const nodeArgs = process.env['PROFILE']
    ? { [process.env['PROFILE']]: ['--cpu-prof', '--cpu-prof-dir=/tmp/saldo-prof'] }
    : {};
  const system = await startSystem({ subgraphs, nodeArgs });
  try {
    const url = system.routerUrl;
    // 50 users, one checking account each: the realistic case (each client is a user).
    const users = await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => signUp(url, i)));
    const bodies = users.map(({ token, accountId }) => ({ token, accountId }));
    const manyUsers = await cpuProfile(system.processes, () =>
      runLoad({
        url,
        connections: CONNECTIONS,
        seconds: SECONDS,
        headers: { 'content-type': 'application/json' },
        bodies: [],
        perClient: bodies.map(({ token, accountId }) => ({
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: createEntryBody(accountId),
        })),
      }),
    );
    emit({
      bench: 'entries',
      case: `createEntry c=${CONNECTIONS}, one user per client, via router (${subgraphs.join('+')})`,
      ...manyUsers,
    });

    // One account written by every client: the worst case, serialised on its row lock.
    const [first] = users;
    const oneAccount = await cpuProfile(system.processes, () =>
      runLoad({
        url,
        connections: CONNECTIONS,
        seconds: SECONDS,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${first!.token}` },
        bodies: [createEntryBody(first!.accountId)],
      }),
    );
    emit({
      bench: 'entries',
      case: `createEntry c=${CONNECTIONS}, one account, via router (${subgraphs.join('+')})`,
      ...oneAccount,
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
    await system.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
