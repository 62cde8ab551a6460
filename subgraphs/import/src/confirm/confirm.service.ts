import {
  event,
  formatAmount,
  invalidState,
  isUuid,
  notFound,
  recordEvents,
  type Clock,
  type EntityManager,
  type Logger,
  type PendingEvent,
} from '@saldo/kit';
import { fileRepository } from '../files/file.repository';
import { jobUpdated, progressOf } from '../jobs/job-events';
import { ImportStatus, type JobRecord } from '../jobs/job.model';
import { jobRepository } from '../jobs/job.repository';
import type { RowRecord } from '../rows/row.model';
import { rowRepository } from '../rows/row.repository';
import { cardMovementOf } from './card-movement';
import { chunkRepository, type ChunkAnswer } from './chunk.repository';

function chunkEvent(
  job: JobRecord,
  rows: readonly RowRecord[],
  chunk: number,
  chunks: number,
): PendingEvent<'import.rows.confirmed' | 'import.card_rows.confirmed'> {
  const positive = (r: RowRecord) => ({
    amount: formatAmount(r.amount < 0n ? -r.amount : r.amount, r.currency),
    currency: r.currency,
  });
  if (job.cardId) {
    return event('import.card_rows.confirmed', job.userId, {
      jobId: job.id,
      cardId: job.cardId,
      chunk,
      chunks,
      rows: rows.map((r) => ({
        rowId: r.id,
        line: r.line,
        date: r.date,
        amount: positive(r),
        movement: cardMovementOf(r),
        description: r.description,
        externalId: r.matchKey,
        categoryId: r.categoryId,
        installment:
          r.installmentNumber !== null && r.installmentCount !== null && r.installmentCount > 1
            ? { number: r.installmentNumber, count: r.installmentCount }
            : null,
      })),
    });
  }
  return event('import.rows.confirmed', job.userId, {
    jobId: job.id,
    accountId: job.accountId!,
    chunk,
    chunks,
    rows: rows.map((r) => ({
      rowId: r.id,
      date: r.date,
      amount: positive(r),
      kind: r.kind,
      description: r.description,
      externalId: r.matchKey,
      categoryId: r.categoryId,
    })),
  });
}

/**
 * Confirm and its saga with the ledger (or, for a card statement, the cards subgraph): the
 * included rows go out as events of at most `chunkRows` rows in the transaction that turns
 * the job IMPORTING (outbox: all or none); the other side answers each chunk once per event
 * (its inbox) and records each row once per account or card (externalId); here each
 * chunk's answer counts once. Confirming again is a no-op.
 */
export class ConfirmService {
  constructor(
    private readonly chunkRows: number,
    private readonly clock: Clock,
  ) {}

  async confirm(em: EntityManager, userId: string, jobId: string): Promise<JobRecord> {
    return em.transactional(async (tx) => {
      const job = isUuid(jobId) ? await jobRepository.byId(tx, userId, jobId, true) : null;
      if (!job) throw notFound('ImportJob', jobId);
      if (job.status === ImportStatus.IMPORTING || job.status === ImportStatus.COMPLETED)
        return job;
      if (job.status !== ImportStatus.PREVIEW) {
        throw invalidState(`Only a job in PREVIEW can be confirmed; this one is ${job.status}`);
      }
      const rows = await rowRepository.included(tx, jobId);
      const chunks: RowRecord[][] = [];
      for (let i = 0; i < rows.length; i += this.chunkRows) {
        chunks.push(rows.slice(i, i + this.chunkRows));
      }
      const next: JobRecord =
        chunks.length === 0
          ? { ...job, status: ImportStatus.COMPLETED, completedAt: this.clock.now(), fileId: null }
          : { ...job, status: ImportStatus.IMPORTING, chunks: chunks.length };
      if (chunks.length === 0 && job.fileId) await fileRepository.remove(tx, job.fileId);
      await chunkRepository.insert(
        tx,
        jobId,
        chunks.map((c) => c.length),
      );
      for (const [i, c] of chunks.entries()) {
        await rowRepository.setChunks(
          tx,
          jobId,
          c.map((r) => r.id),
          i,
        );
      }
      const saved = await jobRepository.save(tx, next);
      const totals = (await jobRepository.totals(tx, [saved])).get(saved.id)!;
      await recordEvents(tx, [
        ...chunks.map((c, i) => chunkEvent(saved, c, i, chunks.length)),
        jobUpdated(saved, totals),
      ]);
      return saved;
    });
  }

  /**
   * The ledger's answer to one chunk, inside the consumer's transaction. A chunk answered
   * before (a redelivered answer) changes nothing; the last answer finishes the job.
   */
  async answered(em: EntityManager, userId: string, answer: ChunkAnswer, log: Logger) {
    const job = await jobRepository.byId(em, userId, answer.jobId, true);
    if (!job || job.status !== ImportStatus.IMPORTING) return;
    if (!(await chunkRepository.answer(em, answer))) return;
    const summary = await chunkRepository.summary(em, job.id);
    let next: JobRecord = { ...job, imported: summary.booked };
    if (summary.answered >= job.chunks) {
      const failed = summary.errors.length > 0;
      // Rows the card refused (the others are recorded): listed with their lines.
      const refused = await chunkRepository.rejectedRows(em, job.id);
      next = {
        ...next,
        status: failed ? ImportStatus.FAILED : ImportStatus.COMPLETED,
        errors: [
          ...job.errors,
          ...summary.errors.map((message) => ({ line: null, message })),
          ...refused,
        ],
        completedAt: this.clock.now(),
        fileId: failed ? job.fileId : null,
      };
      if (!failed && job.fileId) await fileRepository.remove(em, job.fileId);
      log.info({ jobId: job.id, imported: summary.booked, failed }, 'import finished');
    }
    const saved = await jobRepository.save(em, next);
    const totals = (await jobRepository.totals(em, [saved])).get(saved.id)!;
    await recordEvents(em, [jobUpdated(saved, totals, progressOf(saved, summary.answered))]);
  }
}
