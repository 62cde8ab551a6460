import { addDays, formatAmount, type EntityManager, type LocalDate } from '@saldo/kit';
import type { EntryCommand } from '../entries/entry-input';
import { EntrySource, EntryStatus } from '../entries/entry.model';
import type { EntryService } from '../entries/entry.service';
import { RecurrenceStatus, type RecurrenceRecord } from './recurrence.model';
import type { RecurrenceRepository } from './recurrence.repository';
import { occurrencesThrough, type Occurrence } from './schedule';

/** Occurrences exist as entries this many days ahead of the user's today. */
export const HORIZON_DAYS = 35;
/** At most this many occurrences per run; a backdated daily recurrence catches up over runs. */
const MAX_PER_RUN = 200;

function commandFor(r: RecurrenceRecord, o: Occurrence, today: LocalDate): EntryCommand {
  const t = r.template;
  const posted = r.autoPost && o.date <= today;
  return {
    kind: t.kind,
    accountId: t.accountId,
    toAccountId: t.toAccountId,
    amount: formatAmount(t.amount, t.currency),
    toAmount:
      t.toAmount === null || t.toCurrency === null ? null : formatAmount(t.toAmount, t.toCurrency),
    categoryId: t.categoryId,
    description: t.description,
    notes: t.notes,
    tags: t.tags,
    date: o.date,
    status: posted ? EntryStatus.POSTED : EntryStatus.PENDING,
    dueDate: posted ? null : o.date,
    source: EntrySource.RECURRENCE,
    recurrence: { id: r.id, occurrenceDate: o.nominalDate },
  };
}

export class Materializer {
  constructor(
    private readonly entries: EntryService,
    private readonly repo: RecurrenceRepository,
  ) {}

  /**
   * Writes the occurrences due up to today + the horizon as entries (posted when already
   * due and auto-posted, pending otherwise) and moves the cursor, in the caller's
   * transaction with the recurrence locked. Idempotent: an occurrence that exists already
   * (unique recurrence + occurrence date) is skipped.
   */
  async run(em: EntityManager, r: RecurrenceRecord, today: LocalDate): Promise<RecurrenceRecord> {
    const horizon = addDays(today, HORIZON_DAYS);
    const window = occurrencesThrough(r.rule, r.nextIndex, horizon, MAX_PER_RUN);
    if (window.occurrences.length > 0) {
      const commands = window.occurrences.map((o) => commandFor(r, o, today));
      await this.entries.createInTransaction(em, r.userId, commands, today);
    }
    const next: RecurrenceRecord = {
      ...r,
      nextIndex: window.nextIndex,
      nextDate: window.nextDate,
      status: window.nextDate === null ? RecurrenceStatus.FINISHED : r.status,
      lastError: null,
    };
    await this.repo.save(em, next);
    return next;
  }
}
