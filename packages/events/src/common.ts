import { z } from 'zod';

/** UUID of any version; ids are UUIDv7 but events may carry older references. */
export const uuid = z.uuid();
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const isoInstant = z.iso.datetime({ offset: true });

/** Money in events: the same shape as GraphQL's `Money` (decimal string + ISO 4217). */
export const money = z.object({
  amount: z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal string'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code'),
});
export type MoneyData = z.infer<typeof money>;
