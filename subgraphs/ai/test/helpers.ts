import type { EntrySnapshot } from '@saldo/events';
import { newId } from '@saldo/kit';
import {
  publishAs,
  startTestSubgraph,
  waitForHandled,
  type TestSubgraph,
} from '@saldo/kit/testing';
import type { EventData, EventType } from '@saldo/events';
import { startAi, type Ai } from '../src/app';
import type { AiConfig } from '../src/config';

export interface TestAi {
  t: TestSubgraph<Ai>;
  /** Publishes as the producing domain would and waits until ai handled it. */
  publish<T extends EventType>(type: T, userId: string | null, data: EventData<T>): Promise<void>;
  stop(): Promise<void>;
}

export async function startAiForTest(
  name: string,
  config: Partial<AiConfig> = {},
): Promise<TestAi> {
  const t = await startTestSubgraph<Ai, AiConfig>(name, (c, db) => startAi(c, db), config);
  for (const domain of ['identity', 'ledger', 'cards'] as const) {
    await t.subgraph.messaging.ensureDomainStream(domain);
  }
  return {
    t,
    publish: async (type, userId, data) => {
      const envelope = await publishAs(t.subgraph, type, userId, data);
      await waitForHandled(t.subgraph, envelope, { timeoutMs: 30_000 });
    },
    stop: () => t.cleanup(),
  };
}

/** A ledger entry snapshot as the ledger would publish it. */
export function snapshot(
  userId: string,
  fields: Partial<EntrySnapshot> & { description: string; categoryId: string | null },
): EntrySnapshot {
  const accountId = fields.accountId ?? newId();
  return {
    id: newId(),
    userId,
    version: 1,
    kind: 'EXPENSE',
    status: 'POSTED',
    amount: { amount: '45.90', currency: 'BRL' },
    toAmount: null,
    date: '2026-11-20',
    dueDate: null,
    accountId,
    toAccountId: null,
    tags: [],
    source: 'MANUAL',
    externalId: null,
    postings: [],
    deleted: false,
    updatedAt: new Date().toISOString(),
    ...fields,
  };
}
