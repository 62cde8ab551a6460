import { z } from 'zod';
import { money, month, uuid } from './common';

export const aiEvents = {
  // ai is confident of an entry's category (auto-categorise, or a rule applied to existing
  // entries); the ledger sets it, when `onlyIfUncategorised` only if the entry still has none.
  'ai.entry.categorised': z.object({
    entryId: uuid,
    categoryId: uuid,
    source: z.enum(['RULE', 'MODEL', 'MERCHANT']),
    confidence: z.number().min(0).max(1),
    ruleId: uuid.nullable(),
    onlyIfUncategorised: z.boolean(),
  }),
  // A monthly report the user asked for is ready to read (notifications tells them).
  'ai.report.ready': z.object({
    reportId: uuid,
    month,
    locale: z.enum(['pt-BR', 'en', 'en-US']),
    income: money,
    expense: money,
    net: money,
    alerts: z.number().int().min(0),
  }),
} as const;

export type AiEventType = keyof typeof aiEvents;
export type AiEventData<T extends AiEventType> = z.infer<(typeof aiEvents)[T]>;
export const aiSubjects = Object.keys(aiEvents) as AiEventType[];
