import { z } from 'zod';
import { isoInstant, localDate, money, uuid } from './common';

export const chargeStatus = z.enum([
  'PENDING',
  'ISSUED',
  'SENT',
  'PAID',
  'OVERDUE',
  'CANCELLED',
  'FAILED',
]);

export const chargeBatchStatus = z.enum([
  'RECEIVED',
  'PROCESSING',
  'COMPLETED',
  'COMPLETED_WITH_ERRORS',
  'FAILED',
]);

export const chargeBatchTotals = z.object({
  rows: z.number().int().min(0),
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  invalid: z.number().int().min(0),
  issued: z.number().int().min(0),
  sent: z.number().int().min(0),
  failed: z.number().int().min(0),
});
export type ChargeBatchTotalsData = z.infer<typeof chargeBatchTotals>;

/** One issued charge whose payer gets an email (the row's address, not a Saldo user). */
const chargeEmail = z.object({
  chargeId: uuid,
  debtId: z.string().min(1),
  payerName: z.string(),
  payerEmail: z.string().min(3),
  amount: money,
  dueDate: localDate,
  digitableLine: z.string().regex(/^\d{47}$/),
  pixBrCode: z.string().nullable(),
  // Signed, expiring link to the boleto PDF (rendered when first opened).
  pdfUrl: z.string(),
  // Resends of the same charge carry a new number, so each is its own email.
  attempt: z.number().int().min(1),
});

export const billingEvents = {
  // importCharges recorded a batch (RECEIVED): any worker replica splits its file into
  // chunks (`billing.batch_chunk.split`), once per batch.
  'billing.batch.received': z.object({
    batchId: uuid,
    fileId: uuid,
  }),
  // Chunk processing fans the file out: one event per chunk of at most BILLING_CHUNK_ROWS
  // rows, consumed by any worker replica (the work queue of a batch; each chunk once).
  'billing.batch_chunk.split': z.object({
    batchId: uuid,
    fileId: uuid,
    chunk: z.number().int().min(0),
    chunks: z.number().int().positive(),
    // Byte range of whole lines in the stored file, and the file line number of its first.
    offset: z.number().int().min(0),
    length: z.number().int().positive(),
    firstLine: z.number().int().positive(),
  }),
  // Issued charges whose payers must be emailed (at most 1,000 per event). The userId of
  // the envelope is the beneficiary's.
  'billing.charge_emails.requested': z.object({
    beneficiaryName: z.string(),
    senderName: z.string(),
    locale: z.string(),
    charges: z.array(chargeEmail).min(1).max(1000),
  }),
  // A charge was settled (manually or by the bank): the ledger books an INCOME entry in the
  // receiving account, once per charge (externalId `charge:<chargeId>`), and answers.
  'billing.charge.paid': z.object({
    chargeId: uuid,
    debtId: z.string().min(1),
    accountId: uuid,
    amount: money,
    date: localDate,
    description: z.string(),
    paidAt: isoInstant,
  }),
  // A batch's status and totals as they change (the router's `chargeBatchUpdated`).
  'billing.batch.updated': z.object({
    batchId: uuid,
    status: chargeBatchStatus,
    totals: chargeBatchTotals,
    // 0..1 while processing; 1 once every row is stored and every valid charge issued.
    progress: z.number().min(0).max(1),
    updatedAt: isoInstant,
  }),
} as const;

export type BillingEventType = keyof typeof billingEvents;
export type BillingEventData<T extends BillingEventType> = z.infer<(typeof billingEvents)[T]>;
export const billingSubjects = Object.keys(billingEvents) as BillingEventType[];
