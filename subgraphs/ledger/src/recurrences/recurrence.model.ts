import { toDate } from '@saldo/kit';
import type { EntryKind } from '../entries/entry.model';
import type { Frequency, Rule, WeekendPolicy } from './schedule';

export enum RecurrenceStatus {
  ACTIVE = 'ACTIVE',
  /** Stopped by an error (e.g. its account was archived); updating it resumes it. */
  PAUSED = 'PAUSED',
  CANCELLED = 'CANCELLED',
  FINISHED = 'FINISHED',
}

/** What each occurrence becomes: an entry like any other, with source RECURRENCE. */
export interface Template {
  kind: EntryKind;
  accountId: string;
  toAccountId: string | null;
  categoryId: string | null;
  amount: bigint;
  currency: string;
  toAmount: bigint | null;
  toCurrency: string | null;
  description: string;
  notes: string | null;
  tags: string[];
}

export interface RecurrenceRecord {
  id: string;
  userId: string;
  status: RecurrenceStatus;
  rule: Rule;
  autoPost: boolean;
  timeZone: string;
  template: Template;
  nextIndex: number;
  nextDate: string | null;
  lastError: string | null;
  createdAt: Date;
}

export const RECURRENCE_COLUMNS = `id, user_id, status, frequency, interval, day_of_month,
  start_date, end_date, count, weekend_policy, auto_post, time_zone, kind, account_id,
  to_account_id, category_id, amount, currency, to_amount, to_currency, description, notes, tags,
  next_index, next_date, last_error, created_at`;

export interface RecurrenceRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  status: RecurrenceStatus;
  frequency: Frequency;
  interval: number;
  day_of_month: number | null;
  start_date: string;
  end_date: string | null;
  count: number | null;
  weekend_policy: WeekendPolicy;
  auto_post: boolean;
  time_zone: string;
  kind: EntryKind;
  account_id: string;
  to_account_id: string | null;
  category_id: string | null;
  amount: string;
  currency: string;
  to_amount: string | null;
  to_currency: string | null;
  description: string;
  notes: string | null;
  tags: string[];
  next_index: number;
  next_date: string | null;
  last_error: string | null;
  created_at: string;
}

export function toRecurrenceRecord(r: RecurrenceRow): RecurrenceRecord {
  return {
    id: r.id,
    userId: r.user_id,
    status: r.status,
    rule: {
      frequency: r.frequency,
      interval: r.interval,
      dayOfMonth: r.day_of_month,
      startDate: r.start_date,
      endDate: r.end_date,
      count: r.count,
      weekendPolicy: r.weekend_policy,
    },
    autoPost: r.auto_post,
    timeZone: r.time_zone,
    template: {
      kind: r.kind,
      accountId: r.account_id,
      toAccountId: r.to_account_id,
      categoryId: r.category_id,
      amount: BigInt(r.amount),
      currency: r.currency,
      toAmount: r.to_amount === null ? null : BigInt(r.to_amount),
      toCurrency: r.to_currency,
      description: r.description,
      notes: r.notes,
      tags: r.tags,
    },
    nextIndex: r.next_index,
    nextDate: r.next_date,
    lastError: r.last_error,
    createdAt: toDate(r.created_at),
  };
}
