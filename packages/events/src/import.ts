import { z } from 'zod';
import { isoInstant, localDate, money, uuid } from './common';

export const importJobStatus = z.enum([
  'PARSING',
  'PREVIEW',
  'IMPORTING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
]);

export const importTotals = z.object({
  rows: z.number().int().min(0),
  new: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  excluded: z.number().int().min(0),
  invalid: z.number().int().min(0),
  imported: z.number().int().min(0),
});
export type ImportTotalsData = z.infer<typeof importTotals>;

/** One confirmed statement row, as the ledger books it (an INCOME or EXPENSE entry). */
const importedRow = z.object({
  rowId: uuid,
  date: localDate,
  // Positive: the kind says which way the money goes.
  amount: money,
  kind: z.enum(['INCOME', 'EXPENSE']),
  description: z.string(),
  // Unique per account among IMPORT entries: the bank's id (+ installment), or `row:<rowId>`.
  externalId: z.string().min(1),
  categoryId: uuid.nullable(),
});

/** What a card statement's row is to the card. */
export const cardMovement = z.enum(['PURCHASE', 'REFUND', 'PAYMENT']);
export type CardMovement = z.infer<typeof cardMovement>;

/** One confirmed card statement row, as the cards subgraph records it. */
const importedCardRow = z.object({
  rowId: uuid,
  line: z.number().int().positive(),
  date: localDate,
  // Positive: the movement says which way.
  amount: money,
  movement: cardMovement,
  description: z.string(),
  // Unique per card among imported rows: the bank's id (+ installment), or `row:<rowId>`.
  externalId: z.string().min(1),
  categoryId: uuid.nullable(),
  // `Parcela 3/10`: this row is installment 3 of a series of 10.
  installment: z
    .object({ number: z.number().int().positive(), count: z.number().int().min(2) })
    .nullable(),
});

export const importEvents = {
  // Confirm publishes the included rows in chunks of at most 1,000; the ledger answers
  // each with `ledger.import_chunk.applied` (or `.rejected`).
  'import.rows.confirmed': z.object({
    jobId: uuid,
    accountId: uuid,
    chunk: z.number().int().min(0),
    chunks: z.number().int().positive(),
    rows: z.array(importedRow).min(1).max(1000),
  }),
  // A card statement's included rows, in chunks of at most 1,000; cards answers each with
  // `cards.import_chunk.applied`.
  'import.card_rows.confirmed': z.object({
    jobId: uuid,
    cardId: uuid,
    chunk: z.number().int().min(0),
    chunks: z.number().int().positive(),
    rows: z.array(importedCardRow).min(1).max(1000),
  }),
  // A job's status and totals as they change (the router's `importJobUpdated`).
  'import.job.updated': z.object({
    jobId: uuid,
    status: importJobStatus,
    totals: importTotals,
    // 0..1 while parsing or importing; 1 once finished.
    progress: z.number().min(0).max(1),
    updatedAt: isoInstant,
    // For notifications (added later: older events lack them).
    filename: z.string().optional(),
    // FAILED: the first error and its line when it has one.
    failure: z
      .object({ line: z.number().int().positive().nullable(), message: z.string() })
      .nullable()
      .optional(),
  }),
} as const;

export type ImportEventType = keyof typeof importEvents;
export type ImportEventData<T extends ImportEventType> = z.infer<(typeof importEvents)[T]>;
export const importSubjects = Object.keys(importEvents) as ImportEventType[];
