import {
  assertLocalDate,
  formatAmount,
  isUuid,
  newId,
  notFound,
  type EntityManager,
  type LocalDate,
} from '@saldo/kit';
import { invalidState } from '@saldo/kit';
import { localDateAt } from '@saldo/kit';
import { loadEntryContext } from '../entries/entry-context';
import { checkShape, movementOf, type NewEntry } from '../entries/entry-input';
import type { EntryService } from '../entries/entry.service';
import type { Materializer } from './materialize';
import { RecurrenceStatus, type RecurrenceRecord, type Template } from './recurrence.model';
import type { RecurrenceRepository } from './recurrence.repository';
import {
  firstIndexAfter,
  nominalDate,
  validateRule,
  WeekendPolicy,
  type Frequency,
  type Rule,
} from './schedule';

type TemplateInput = Omit<
  NewEntry,
  'date' | 'status' | 'dueDate' | 'externalId' | 'idempotencyKey'
>;

export interface NewRecurrence extends TemplateInput {
  frequency: Frequency;
  interval?: number | null;
  dayOfMonth?: number | null;
  startDate: LocalDate;
  endDate?: LocalDate | null;
  count?: number | null;
  weekendPolicy?: WeekendPolicy | null;
  autoPost?: boolean | null;
}

/** Template fields and the open end of the rule; undefined keeps, null clears (where nullable). */
export interface RecurrencePatch {
  accountId?: string | null;
  toAccountId?: string | null;
  amount?: string | null;
  toAmount?: string | null;
  categoryId?: string | null;
  description?: string | null;
  notes?: string | null;
  tags?: readonly string[] | null;
  endDate?: LocalDate | null;
  count?: number | null;
  weekendPolicy?: WeekendPolicy | null;
  autoPost?: boolean | null;
}

/** Validates a template with the same rules as a new entry. */
async function templateOf(
  em: EntityManager,
  userId: string,
  input: TemplateInput,
): Promise<Template> {
  const c = checkShape({ ...input });
  const ctx = await loadEntryContext(
    em,
    userId,
    [c.accountId, ...(c.toAccountId ? [c.toAccountId] : [])],
    c.categoryId ? [c.categoryId] : [],
    [],
  );
  const m = movementOf(ctx, c);
  return {
    kind: m.kind,
    accountId: m.accountId,
    toAccountId: m.toAccountId,
    categoryId: m.categoryId,
    amount: m.amount,
    currency: m.currency,
    toAmount: m.toAccountId ? m.toAmount : null,
    toCurrency: m.toCurrency,
    description: c.description ?? '',
    notes: c.notes ?? null,
    tags: [...(c.tags ?? [])],
  };
}

/** The stored template as input, with `patch` applied, for validation by the entry rules. */
function templateInput(t: Template, patch: RecurrencePatch): TemplateInput {
  const toAmount =
    t.toAmount !== null && t.toCurrency !== null ? formatAmount(t.toAmount, t.toCurrency) : null;
  return {
    kind: t.kind,
    accountId: patch.accountId ?? t.accountId,
    toAccountId: patch.toAccountId ?? t.toAccountId,
    amount: patch.amount ?? formatAmount(t.amount, t.currency),
    toAmount: patch.toAmount ?? toAmount,
    categoryId: patch.categoryId === undefined ? t.categoryId : patch.categoryId,
    description: patch.description ?? t.description,
    notes: patch.notes === undefined ? t.notes : patch.notes,
    tags: patch.tags ?? t.tags,
  };
}

export class RecurrenceService {
  constructor(
    private readonly repo: RecurrenceRepository,
    private readonly entries: EntryService,
    private readonly materializer: Materializer,
  ) {}

  list(em: EntityManager, userId: string, includeInactive: boolean): Promise<RecurrenceRecord[]> {
    return this.repo.list(em, userId, includeInactive);
  }

  byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<RecurrenceRecord[]> {
    return this.repo.byIds(em, userId, ids);
  }

  /** Creates the recurrence and, in the same transaction, its occurrences up to the horizon. */
  async create(
    em: EntityManager,
    userId: string,
    input: NewRecurrence,
    clock: { today: LocalDate; timeZone: string },
  ): Promise<RecurrenceRecord> {
    const rule: Rule = validateRule({
      frequency: input.frequency,
      interval: input.interval ?? 1,
      dayOfMonth: input.dayOfMonth ?? null,
      startDate: assertLocalDate(input.startDate, 'startDate'),
      endDate: input.endDate ? assertLocalDate(input.endDate, 'endDate') : null,
      count: input.count ?? null,
      weekendPolicy: input.weekendPolicy ?? WeekendPolicy.NONE,
    });
    return em.transactional(async (tx) => {
      const record: RecurrenceRecord = {
        id: newId(),
        userId,
        status: RecurrenceStatus.ACTIVE,
        rule,
        autoPost: input.autoPost ?? true,
        timeZone: clock.timeZone,
        template: await templateOf(tx, userId, input),
        nextIndex: 0,
        nextDate: nominalDate(rule, 0),
        lastError: null,
        createdAt: new Date(),
      };
      await this.repo.insert(tx, record);
      return this.materializer.run(tx, record, clock.today);
    });
  }

  /**
   * Changes the template or the end of the rule. Pending occurrences after today are
   * withdrawn (soft-deleted) and written again from the new template.
   */
  async update(
    em: EntityManager,
    userId: string,
    id: string,
    patch: RecurrencePatch,
    today: LocalDate,
  ): Promise<RecurrenceRecord> {
    return em.transactional(async (tx) => {
      const before = await this.lock(tx, userId, id);
      if (before.status === RecurrenceStatus.CANCELLED)
        throw invalidState('The recurrence is cancelled', { id });
      const rule = validateRule({
        ...before.rule,
        endDate: patch.endDate === undefined ? before.rule.endDate : patch.endDate,
        count: patch.count === undefined ? before.rule.count : patch.count,
        weekendPolicy: patch.weekendPolicy ?? before.rule.weekendPolicy,
      });
      const template = await templateOf(tx, userId, templateInput(before.template, patch));
      await this.withdrawFuture(tx, userId, id, today);
      const nextIndex = Math.min(before.nextIndex, firstIndexAfter(rule, today));
      const after: RecurrenceRecord = {
        ...before,
        rule,
        template,
        autoPost: patch.autoPost ?? before.autoPost,
        status: RecurrenceStatus.ACTIVE,
        nextIndex,
        nextDate: nominalDate(rule, nextIndex),
      };
      return this.materializer.run(tx, after, today);
    });
  }

  async cancel(
    em: EntityManager,
    userId: string,
    id: string,
    today: LocalDate,
  ): Promise<RecurrenceRecord> {
    return em.transactional(async (tx) => {
      const before = await this.lock(tx, userId, id);
      if (before.status === RecurrenceStatus.CANCELLED) return before;
      await this.withdrawFuture(tx, userId, id, today);
      const after = { ...before, status: RecurrenceStatus.CANCELLED, nextDate: null };
      await this.repo.save(tx, after);
      return after;
    });
  }

  /** Scheduler: active recurrences with an occurrence due on or before `date`, any user's. */
  dueIds(em: EntityManager, date: LocalDate, limit: number): Promise<string[]> {
    return this.repo.dueIds(em, date, limit);
  }

  /**
   * Scheduler: materialises one recurrence ahead, in the caller's transaction, unless
   * another run holds it (skipped) or it is no longer active.
   */
  async materializeDue(em: EntityManager, id: string, now: Date): Promise<void> {
    const r = await this.repo.lock(em, id, { skipLocked: true });
    if (!r || r.status !== RecurrenceStatus.ACTIVE) return;
    await this.materializer.run(em, r, localDateAt(now, r.timeZone));
  }

  private async lock(em: EntityManager, userId: string, id: string): Promise<RecurrenceRecord> {
    const record = isUuid(id) ? await this.repo.lock(em, id, { userId }) : null;
    if (!record) throw notFound('Recurrence', id);
    return record;
  }

  private async withdrawFuture(
    em: EntityManager,
    userId: string,
    id: string,
    today: LocalDate,
  ): Promise<void> {
    for (const entryId of await this.repo.futurePending(em, id, today)) {
      await this.entries.deleteInTransaction(em, userId, entryId);
    }
  }
}
