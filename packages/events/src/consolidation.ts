import { z } from 'zod';
import { isoInstant, localDate, money, uuid } from './common';

const count = z.number().int().nonnegative();

/** Credits and debits of one currency on one day, across a user's accounts. */
const currencyTotals = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code'),
  credits: money,
  debits: money,
  entryCount: count,
});

export const consolidationEvents = {
  // One account's day as it stands now; field names match the `DailyBalance` GraphQL type.
  'consolidation.daily_balance.updated': z.object({
    accountId: uuid,
    date: localDate,
    opening: money,
    credits: money,
    debits: money,
    closing: money,
    entryCount: count,
  }),
  // A user's day was closed (closeCount > 1: closed again after a reopen).
  'consolidation.day.closed': z.object({
    userId: uuid,
    date: localDate,
    closedAt: isoInstant,
    closeCount: z.number().int().positive(),
    entryCount: count,
    totals: z.array(currencyTotals),
  }),
  // A late or backdated entry changed a closed day; it closes again on the next run.
  'consolidation.day.reopened': z.object({
    userId: uuid,
    date: localDate,
    reopenedAt: isoInstant,
  }),
} as const;

export type ConsolidationEventType = keyof typeof consolidationEvents;
export type ConsolidationEventData<T extends ConsolidationEventType> = z.infer<
  (typeof consolidationEvents)[T]
>;
/** The subjects consolidation publishes: an event's type is its subject (namespaced in tests). */
export const consolidationSubjects = Object.keys(consolidationEvents) as ConsolidationEventType[];
