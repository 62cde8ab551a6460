import { z } from 'zod';
import { isoInstant, localDate, money, month, uuid } from './common';

export const accountType = z.enum([
  'CHECKING',
  'SAVINGS',
  'CASH',
  'INVESTMENT',
  'WALLET',
  'CREDIT_CARD',
  'LOAN',
  'OTHER_ASSET',
  'OTHER_LIABILITY',
]);

const account = z.object({
  id: uuid,
  userId: uuid,
  name: z.string(),
  type: accountType,
  currency: z.string(),
  // The balance before any entry; balance = initialBalance + the sum of the postings.
  initialBalance: money,
  allowNegative: z.boolean(),
  archived: z.boolean(),
  externalId: z.string().nullable(),
});

const posting = z.object({ accountId: uuid, amount: money });

/** A full snapshot of an entry at one version; consumers keep the highest version they saw. */
export const entrySnapshot = z.object({
  id: uuid,
  userId: uuid,
  version: z.number().int().positive(),
  kind: z.enum(['INCOME', 'EXPENSE', 'TRANSFER']),
  status: z.enum(['PENDING', 'POSTED']),
  amount: money,
  toAmount: money.nullable(),
  date: localDate,
  dueDate: localDate.nullable(),
  description: z.string(),
  accountId: uuid,
  toAccountId: uuid.nullable(),
  categoryId: uuid.nullable(),
  tags: z.array(z.string()),
  source: z.enum(['MANUAL', 'IMPORT', 'CARDS', 'RECURRENCE', 'BILLING']),
  externalId: z.string().nullable(),
  // Postings on real accounts (asset/liability); empty while the entry is PENDING or deleted.
  postings: z.array(posting),
  deleted: z.boolean(),
  updatedAt: isoInstant,
});
export type EntrySnapshot = z.infer<typeof entrySnapshot>;

const entryEvent = z.object({ entry: entrySnapshot });

/** A category as it stands; `defaultKey` names the built-in ones (salary, groceries, ...). */
export const categorySnapshot = z.object({
  id: uuid,
  userId: uuid,
  name: z.string(),
  kind: z.enum(['INCOME', 'EXPENSE']),
  parentId: uuid.nullable(),
  archived: z.boolean(),
  defaultKey: z.string().nullable(),
});
export type CategorySnapshot = z.infer<typeof categorySnapshot>;

export const ledgerEvents = {
  'ledger.entry.created': entryEvent,
  'ledger.entry.updated': entryEvent,
  'ledger.entry.deleted': entryEvent,
  'ledger.balance.changed': z.object({
    accountId: uuid,
    balance: money,
    delta: money,
    entryId: uuid.nullable(),
  }),
  'ledger.category.created': z.object({ category: categorySnapshot }),
  'ledger.category.updated': z.object({ category: categorySnapshot }),
  'ledger.account.created': z.object({ account }),
  'ledger.account.updated': z.object({ account }),
  // An entry another domain asked for (by event) was refused, e.g. an invoice payment that
  // would overdraw its account; the requester matches it by source + externalId.
  'ledger.entry.rejected': z.object({
    userId: uuid,
    source: z.enum(['MANUAL', 'IMPORT', 'CARDS', 'RECURRENCE', 'BILLING']),
    externalId: z.string(),
    code: z.string(),
    reason: z.string(),
  }),
  // The answer to one `import.rows.confirmed` chunk: entries created now, rows already
  // booked before (a redelivered or re-sent chunk), or why the chunk was refused.
  'ledger.import_chunk.applied': z.object({
    jobId: uuid,
    chunk: z.number().int().min(0),
    created: z.number().int().min(0),
    existing: z.number().int().min(0),
  }),
  'ledger.import_chunk.rejected': z.object({
    jobId: uuid,
    chunk: z.number().int().min(0),
    code: z.string(),
    reason: z.string(),
  }),
  // The answers to `billing.charge.paid`: the INCOME entry booked (or already there), or why not.
  'ledger.charge_payment.booked': z.object({
    chargeId: uuid,
    entryId: uuid,
  }),
  'ledger.charge_payment.rejected': z.object({
    chargeId: uuid,
    code: z.string(),
    reason: z.string(),
  }),
  'ledger.budget.exceeded': z.object({
    categoryId: uuid,
    month,
    limit: money,
    spent: money,
  }),
} as const;

export type LedgerEventType = keyof typeof ledgerEvents;
export type LedgerEventData<T extends LedgerEventType> = z.infer<(typeof ledgerEvents)[T]>;
/** The subjects ledger publishes: an event's type is its subject (namespaced in tests). */
export const ledgerSubjects = Object.keys(ledgerEvents) as LedgerEventType[];
