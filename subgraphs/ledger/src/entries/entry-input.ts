import {
  badInput,
  isUuid,
  monthOf,
  newId,
  requestHash as fingerprint,
  type LocalDate,
} from '@saldo/kit';
import type { Movement } from '../book/postings';
import { invalidState, notFoundField } from '@saldo/kit';
import {
  cleanTags,
  optionalDate,
  optionalKey,
  optionalText,
  positiveAmount,
} from '../common/input';
import type { AccountInfo, EntryContext } from './entry-context';
import { EntryKind, EntrySource, EntryStatus, type EntryRecord } from './entry.model';

/** What a caller asks for (GraphQL, an event handler, the scheduler). */
export interface NewEntry {
  kind: EntryKind;
  accountId: string;
  toAccountId?: string | null;
  amount: string;
  toAmount?: string | null;
  categoryId?: string | null;
  date?: string | null;
  description?: string | null;
  notes?: string | null;
  tags?: readonly string[] | null;
  status?: EntryStatus | null;
  dueDate?: string | null;
  externalId?: string | null;
  idempotencyKey?: string | null;
}

/** Internal callers also set the source and, for recurrences, the occurrence. */
export interface EntryCommand extends NewEntry {
  source?: EntrySource;
  recurrence?: { id: string; occurrenceDate: LocalDate };
}

/** A validated entry ready to be written, with the key that detects a replay. */
export interface Draft {
  record: EntryRecord;
  movement: Movement;
  idempotencyKey: string | null;
}

export const MAX_BATCH = 1000;

/** Checks what needs no database; returns the command with texts cleaned. */
export function checkShape(c: EntryCommand): EntryCommand {
  if (!isUuid(c.accountId)) throw notFoundField('Account', 'accountId', c.accountId);
  if (c.kind === EntryKind.TRANSFER) {
    if (!c.toAccountId) throw badInput('A transfer needs toAccountId', { field: 'toAccountId' });
    if (c.toAccountId === c.accountId) {
      throw badInput('A transfer needs two different accounts', { field: 'toAccountId' });
    }
    if (c.categoryId) throw badInput('Transfers have no category', { field: 'categoryId' });
  } else if (c.toAccountId || c.toAmount) {
    const field = c.toAccountId ? 'toAccountId' : 'toAmount';
    throw badInput('Only transfers have a destination account', { field });
  }
  if (c.toAccountId && !isUuid(c.toAccountId)) {
    throw notFoundField('Account', 'toAccountId', c.toAccountId);
  }
  if (c.categoryId && !isUuid(c.categoryId)) {
    throw notFoundField('Category', 'categoryId', c.categoryId);
  }
  return {
    ...c,
    date: optionalDate(c.date, 'date'),
    dueDate: optionalDate(c.dueDate, 'dueDate'),
    description: optionalText(c.description, 'description', 500) ?? '',
    notes: optionalText(c.notes, 'notes', 5000),
    tags: cleanTags(c.tags),
    externalId: optionalKey(c.externalId, 'externalId'),
    idempotencyKey: optionalKey(c.idempotencyKey, 'idempotencyKey'),
  };
}

export function realAccount(ctx: EntryContext, id: string, field: string): AccountInfo {
  const account = ctx.accounts.get(id);
  if (!account) throw notFoundField('Account', field, id);
  if (account.archived) throw invalidState('The account is archived', { field, id });
  return account;
}

/** Checks the category against the entry kind; returns its id or null. */
export function checkCategory(
  ctx: EntryContext,
  kind: EntryKind,
  id: string | null,
): string | null {
  if (!id) return null;
  const category = ctx.categories.get(id);
  if (!category) throw notFoundField('Category', 'categoryId', id);
  const wanted = kind === EntryKind.INCOME ? 'INCOME' : 'EXPENSE';
  if (category.kind !== wanted) {
    throw badInput(`A ${kind.toLowerCase()} needs a ${kind.toLowerCase()} category`, {
      field: 'categoryId',
    });
  }
  if (category.archived)
    throw invalidState('The category is archived', { field: 'categoryId', id });
  return id;
}

/** The money movement, with amounts parsed in each account's currency. */
export function movementOf(ctx: EntryContext, c: NewEntry): Movement {
  const from = realAccount(ctx, c.accountId, 'accountId');
  const amount = positiveAmount(c.amount, from.currency, 'amount');
  const base = { kind: c.kind, accountId: from.id, currency: from.currency, amount };
  if (c.kind !== EntryKind.TRANSFER) {
    const categoryId = checkCategory(ctx, c.kind, c.categoryId ?? null);
    return { ...base, toAccountId: null, toCurrency: null, toAmount: null, categoryId };
  }
  const to = realAccount(ctx, c.toAccountId ?? '', 'toAccountId');
  let toAmount = amount;
  if (to.currency !== from.currency) {
    if (!c.toAmount) {
      throw badInput('A transfer between currencies needs toAmount', { field: 'toAmount' });
    }
    toAmount = positiveAmount(c.toAmount, to.currency, 'toAmount');
  } else if (c.toAmount && positiveAmount(c.toAmount, to.currency, 'toAmount') !== amount) {
    throw badInput('toAmount must equal amount in the same currency', { field: 'toAmount' });
  }
  return { ...base, toAccountId: to.id, toCurrency: to.currency, toAmount, categoryId: null };
}

/** Identifies an input for idempotency: same key + same hash is a replay. */
export function requestHash(c: EntryCommand, m: Movement): string {
  return fingerprint([
    m.kind,
    m.accountId,
    m.toAccountId,
    m.amount.toString(),
    m.toAmount?.toString() ?? null,
    m.categoryId,
    c.date ?? null,
    c.description ?? '',
    c.notes ?? null,
    c.tags ?? [],
    c.status ?? EntryStatus.POSTED,
    c.dueDate ?? null,
    c.externalId ?? null,
    c.source ?? EntrySource.MANUAL,
  ]);
}

/** Validates one shaped command against the context and builds the record to insert. */
export function draftOf(
  ctx: EntryContext,
  userId: string,
  c: EntryCommand,
  today: LocalDate,
  now: Date,
): Draft {
  const movement = movementOf(ctx, c);
  const status = c.status ?? EntryStatus.POSTED;
  const date = c.date ?? today;
  const record: EntryRecord = {
    id: newId(),
    userId,
    kind: c.kind,
    status,
    amount: movement.amount,
    currency: movement.currency,
    toAmount: movement.toAmount,
    toCurrency: movement.toCurrency,
    date,
    dueDate: c.dueDate ?? (status === EntryStatus.PENDING ? date : null),
    description: c.description ?? '',
    notes: c.notes ?? null,
    tags: [...(c.tags ?? [])],
    accountId: movement.accountId,
    toAccountId: movement.toAccountId,
    categoryId: movement.categoryId,
    source: c.source ?? EntrySource.MANUAL,
    externalId: c.externalId ?? null,
    recurrenceId: c.recurrence?.id ?? null,
    occurrenceDate: c.recurrence?.occurrenceDate ?? null,
    requestHash: requestHash(c, movement),
    version: 1,
    postedVersion: status === EntryStatus.POSTED ? 1 : null,
    createdAt: now,
    updatedAt: now,
    deleted: false,
  };
  return { record, movement, idempotencyKey: c.idempotencyKey ?? null };
}

/** Months whose budgets the commands may affect (posted expenses only). */
export function budgetMonths(commands: readonly EntryCommand[], today: LocalDate): string[] {
  return commands
    .filter((c) => c.kind === EntryKind.EXPENSE && c.categoryId && c.status !== EntryStatus.PENDING)
    .map((c) => monthOf(c.date ?? today));
}
