import { createEnvelope, newId, type Envelope, type LocalDate } from '@saldo/kit';
import type { EntrySnapshot } from '@saldo/events';

type Kind = EntrySnapshot['kind'];

/** A posting as tests write it: account, signed decimal amount, currency. */
export type PostingSpec = [accountId: string, amount: string, currency?: string];

export interface EntrySpec {
  id?: string;
  userId: string;
  version?: number;
  date: LocalDate;
  postings: PostingSpec[];
  kind?: Kind;
  status?: 'PENDING' | 'POSTED';
  deleted?: boolean;
}

const positive = (amount: string) => amount.replace(/^-/, '');

/** A ledger entry snapshot as the ledger publishes it. */
export function snapshot(spec: EntrySpec): EntrySnapshot {
  const [first] = spec.postings;
  const currency = first?.[2] ?? 'BRL';
  const posted = spec.status !== 'PENDING' && !spec.deleted;
  return {
    id: spec.id ?? newId(),
    userId: spec.userId,
    version: spec.version ?? 1,
    kind: spec.kind ?? (first && first[1].startsWith('-') ? 'EXPENSE' : 'INCOME'),
    status: spec.status ?? 'POSTED',
    amount: { amount: positive(first?.[1] ?? '0.00'), currency },
    toAmount: null,
    date: spec.date,
    dueDate: null,
    description: 'test entry',
    accountId: first?.[0] ?? newId(),
    toAccountId: spec.postings[1]?.[0] ?? null,
    categoryId: null,
    tags: [],
    source: 'MANUAL',
    externalId: null,
    postings: posted
      ? spec.postings.map(([accountId, amount, cur]) => ({
          accountId,
          amount: { amount, currency: cur ?? 'BRL' },
        }))
      : [],
    deleted: spec.deleted ?? false,
    updatedAt: new Date().toISOString(),
  };
}

export function entryEvent(
  spec: EntrySpec,
  type: 'ledger.entry.created' | 'ledger.entry.updated' | 'ledger.entry.deleted' = spec.deleted
    ? 'ledger.entry.deleted'
    : (spec.version ?? 1) > 1
      ? 'ledger.entry.updated'
      : 'ledger.entry.created',
): Envelope {
  return createEnvelope(type, spec.userId, { entry: snapshot(spec) });
}

export function accountEvent(
  userId: string,
  options: { id?: string; currency?: string; initialBalance?: string; update?: boolean } = {},
): { id: string; event: Envelope } {
  const id = options.id ?? newId();
  const currency = options.currency ?? 'BRL';
  const event = createEnvelope(
    options.update ? 'ledger.account.updated' : 'ledger.account.created',
    userId,
    {
      account: {
        id,
        userId,
        name: 'Conta',
        type: 'CHECKING',
        currency,
        initialBalance: { amount: options.initialBalance ?? '0.00', currency },
        allowNegative: true,
        archived: false,
        externalId: null,
      },
    },
  );
  return { id, event };
}

export function userEvent(
  userId: string,
  timeZone: string,
  type: 'identity.user.registered' | 'identity.user.updated' = 'identity.user.registered',
): Envelope {
  return createEnvelope(type, userId, {
    userId,
    email: `${userId.slice(0, 8)}@example.com`,
    name: 'Ana',
    timeZone,
    locale: 'pt-BR',
  });
}

export function userDeleted(userId: string): Envelope {
  return createEnvelope('identity.user.deleted', userId, { userId });
}
