// Developer probe (not a benchmark): the framework floor — CPU per request of a trivial
// operation at one subgraph and through the router, to compare with real operations.
import { createInternalSigner, USER_SCOPES } from '@saldo/kit';
import { cpuProfile, emit } from './common';
import { runLoad } from './load';
import { startSystem } from './system';

async function main() {
  const system = await startSystem({ subgraphs: ['identity', 'ledger'] });
  try {
    const sign = await createInternalSigner(system.internalPrivateKey, 'saldo-router');
    const token = await sign(
      'ledger',
      { sub: '01930000-0000-7000-8000-000000000001', scopes: USER_SCOPES },
      600,
    );
    const ledgerUrl = system.subgraphUrls.get('ledger')!;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const body = JSON.stringify({ query: '{ __typename }' });
    const direct = await cpuProfile(system.processes, () =>
      runLoad({ url: ledgerUrl, connections: 50, seconds: 10, headers, bodies: [body] }),
    );
    emit({ probe: 'floor', case: '{ __typename } at ledger', ...direct });
    const routed = await cpuProfile(system.processes, () =>
      runLoad({
        url: system.routerUrl,
        connections: 50,
        seconds: 10,
        headers: { 'content-type': 'application/json' },
        bodies: [body],
      }),
    );
    emit({ probe: 'floor', case: '{ __typename } at router (anonymous)', ...routed });
    const accounts = JSON.stringify({ query: '{ accounts { id } }' });
    const viaLedger = await cpuProfile(system.processes, () =>
      runLoad({ url: ledgerUrl, connections: 50, seconds: 10, headers, bodies: [accounts] }),
    );
    emit({ probe: 'floor', case: '{ accounts { id } } at ledger', ...viaLedger });
    const userId = '01930000-0000-7000-8000-000000000001';
    const created = await fetch(ledgerUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query:
          'mutation { createAccount(input: { name: "A", type: CHECKING, currency: "BRL" }) { id } }',
      }),
    }).then((r) => r.json() as Promise<{ data: { createAccount: { id: string } } }>);
    const entry = JSON.stringify({
      query: 'mutation($i: CreateEntryInput!) { createEntry(input: $i) { id } }',
      variables: {
        i: {
          kind: 'INCOME',
          accountId: created.data.createAccount.id,
          amount: '10.50',
          description: 'probe',
        },
      },
    });
    void userId;
    for (const connections of [1, 50]) {
      const result = await cpuProfile(system.processes, () =>
        runLoad({ url: ledgerUrl, connections, seconds: 10, headers, bodies: [entry] }),
      );
      emit({ probe: 'floor', case: `createEntry at ledger c=${connections}`, ...result });
    }
  } finally {
    await system.stop();
  }
}
void main();
