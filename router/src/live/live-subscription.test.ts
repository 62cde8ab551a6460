import { buildSchema, type ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import { waitFor } from '@saldo/kit/testing';
import { Close, Connection } from './connection';
import { liveSpecs } from './live-fields';
import { LiveSubscription, type LiveShared } from './live-subscription';
import { LivePlanCache, type LivePlan } from './plan';

const sdl = `
  directive @live(subject: String!, filterArgs: [String!], scope: String) on FIELD_DEFINITION
  type Money { amount: String! currency: String! }
  type Account { id: ID! name: String! }
  type BalanceChange { accountId: ID! balance: Money! account: Account! }
  type Query { _live_balanceChanged(event: String!): BalanceChange }
  type Subscription {
    balanceChanged(accountId: ID): BalanceChange! @live(subject: "ledger.balance.changed", filterArgs: ["accountId"])
  }`;
const schema = buildSchema(sdl);

class FakeSocket {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: unknown[] = [];
  closed: [number, string] | null = null;
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close(code: number, reason: string) {
    this.closed = [code, reason];
    this.readyState = 3;
  }
}

function setup(query: string, execute: LiveShared['execute'] = async () => ({ data: null })) {
  const socket = new FakeSocket();
  const connection = new Connection(socket as unknown as WebSocket, null, Date.now());
  connection.caller = { userId: 'u1', scopes: new Set(), timeZone: 'UTC', expiresAt: Infinity };
  connection.operations = new Map();
  const cache = new LivePlanCache(() => schema, liveSpecs(sdl), []);
  const plan = cache.plan(cache.document(query).document, undefined) as LivePlan;
  const shared: LiveShared = {
    schema: () => schema,
    execute,
    bufferLimit: 3,
    maxBufferedBytes: 1000,
  };
  const subscription = new LiveSubscription(shared, plan, connection, '1', {}, [
    ['accountId', 'a1'],
  ]);
  connection.operations.set('1', subscription);
  return { socket, connection, subscription };
}

const event = (accountId: string, amount: string) => ({
  raw: '{}',
  userId: 'u1',
  data: { accountId, balance: { amount, currency: 'BRL' } },
});

describe('LiveSubscription', () => {
  it('answers from the event, filtered by its arguments, in order', async () => {
    const { socket, subscription } = setup(
      'subscription { balanceChanged(accountId: "a1") { accountId balance { amount } } }',
    );
    subscription.deliver(event('a2', '1.00'));
    subscription.deliver(event('a1', '2.00'));
    subscription.deliver(event('a1', '3.00'));
    await waitFor(() => socket.sent.length >= 2, { intervalMs: 1 });
    expect(socket.sent).toEqual([
      {
        id: '1',
        type: 'next',
        payload: { data: { balanceChanged: { accountId: 'a1', balance: { amount: '2.00' } } } },
      },
      {
        id: '1',
        type: 'next',
        payload: { data: { balanceChanged: { accountId: 'a1', balance: { amount: '3.00' } } } },
      },
    ]);
  });

  it('closes a client that falls more than the buffer behind, without delaying anyone', async () => {
    let release: (result: ExecutionResult) => void = () => undefined;
    const slow = () => new Promise<ExecutionResult>((resolve) => (release = resolve));
    const { socket, connection, subscription } = setup(
      'subscription { balanceChanged { account { name } } }',
      slow,
    );
    for (let i = 0; i < 5; i += 1) subscription.deliver(event('a1', `${i}.00`));
    expect(socket.closed).toEqual([Close.TooSlow, 'Too slow: more than 3 events waiting']);
    expect(connection.subscriptions).toBe(0);
    release({ data: null });
  });

  it('closes a client whose socket send buffer is full', () => {
    const { socket, subscription } = setup('subscription { balanceChanged { accountId } }');
    socket.bufferedAmount = 5000;
    subscription.deliver(event('a1', '1.00'));
    expect(socket.closed?.[0]).toBe(Close.TooSlow);
  });

  it('stops at once when the client completes it', async () => {
    const { socket, subscription } = setup('subscription { balanceChanged { accountId } }');
    subscription.stop();
    subscription.deliver(event('a1', '1.00'));
    // A projected answer takes only microtasks: they have all run by the next macrotask.
    await new Promise(setImmediate);
    expect(socket.sent).toEqual([]);
  });
});
