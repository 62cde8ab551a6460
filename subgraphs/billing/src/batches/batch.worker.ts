import {
  newId,
  recordEvents,
  requestHash,
  type EntityManager,
  type Envelope,
  type HandlerContext,
  type Orm,
  type PendingEvent,
} from '@saldo/kit';
import {
  buildBoleto,
  buildPixBrCode,
  ChargeFileError,
  isValidEmail,
  parseChargeChunk,
  parseGovernmentId,
  sniffChargeCsv,
  splitChargeCsv,
  SNIFF_BYTES,
  type ChargeRow,
  type ChargeValidators,
} from '../domain';
import type { Settings } from '../config';
import { emailRequests } from '../charges/charge-emails';
import { chargeRepository, type NewBatchCharge } from '../charges/charge.repository';
import { billingFiles } from '../files/file.store';
import { profileRepository, type ProfileRecord } from '../profiles/profile.repository';
import { bankOf, statusOf } from '../profiles/profile.service';
import { batchUpdated } from './batch-events';
import { batchRepository, type BatchRecord } from './batch.repository';

const validators: ChargeValidators = {
  governmentId: (raw) => parseGovernmentId(raw)?.value ?? null,
  email: isValidEmail,
};

export interface WorkerDeps {
  orm: Orm;
  settings: Settings;
  pdfUrl: (chargeId: string) => string;
}

/**
 * The work of a batch, as event handlers run by any replica inside the kit's inbox
 * transaction (so each event's effect happens once): the planner splits the file into
 * chunk events; a chunk handler validates, stores and issues its rows, records the row
 * errors, requests the emails and adds its counts to the batch.
 */
export class BatchWorker {
  constructor(private readonly deps: WorkerDeps) {}

  /** `billing.batch.received`: sniff the dialect, split into chunks, publish one event each. */
  async plan(e: Envelope<'billing.batch.received'>, { em, log }: HandlerContext): Promise<void> {
    const batch = await batchRepository.forWork(em, e.data.batchId);
    if (!batch || batch.userId !== e.userId || batch.status !== 'RECEIVED') return;
    const file = batch.fileId ? await billingFiles.byId(em, batch.userId, batch.fileId) : null;
    if (!file) return this.fail(em, batch, 'the file is no longer available');
    let dialect;
    try {
      dialect = sniffChargeCsv(await billingFiles.range(em, file.id, 0, SNIFF_BYTES));
    } catch (error) {
      if (error instanceof ChargeFileError) return this.fail(em, batch, error.message);
      throw error;
    }
    const events: PendingEvent[] = [];
    const ranges = splitChargeCsv(
      billingFiles.stream(em, file.id),
      dialect,
      this.deps.settings.BILLING_CHUNK_ROWS,
    );
    for await (const r of ranges) {
      events.push({
        type: 'billing.batch_chunk.split',
        userId: batch.userId,
        data: { batchId: batch.id, fileId: file.id, chunk: events.length, chunks: 0, ...r },
      });
    }
    // The chunk count is known once the file is read through.
    for (const ev of events) (ev.data as { chunks: number }).chunks = events.length;
    const planned = await batchRepository.planned(em, batch.id, dialect, events.length);
    await recordEvents(em, [...events, batchUpdated(planned)]);
    log.info({ batchId: batch.id, chunks: events.length }, 'charge batch planned');
  }

  /** `billing.batch_chunk.split`: one chunk's rows, start to end, in one transaction. */
  async chunk(e: Envelope<'billing.batch_chunk.split'>, { em }: HandlerContext): Promise<void> {
    const { batchId, chunk, offset, length, firstLine } = e.data;
    const batch = await batchRepository.forWork(em, batchId);
    if (!batch || batch.userId !== e.userId || batch.status !== 'PROCESSING') return;
    if (!batch.dialect || (await batchRepository.chunkDone(em, batchId, chunk))) return;
    const profile = statusOf(await profileRepository.get(em, batch.userId));
    if (!profile.profile || profile.missing.length > 0 || profile.problems.length > 0) {
      return this.fail(em, batch, 'the billing profile is no longer complete');
    }
    if (!batch.fileId) return this.fail(em, batch, 'the file is no longer available');
    const bytes = await billingFiles.range(em, batch.fileId, offset, offset + length);
    if (bytes.length !== length) return this.fail(em, batch, 'the file is no longer available');
    const { rows, errors } = parseChargeChunk(bytes, batch.dialect, firstLine, validators);
    const candidates = await this.issue(batch, profile.profile, rows);
    const inserted = await chargeRepository.insertMany(em, candidates);
    await batchRepository.insertErrors(em, batchId, errors);
    const invalid = new Set(errors.map((x) => x.line)).size;
    const done = await batchRepository.applyChunk(em, batchId, chunk, {
      rows: rows.length + invalid,
      accepted: inserted.length,
      duplicates: rows.length - inserted.length,
      invalid,
    });
    if (!done) throw new Error(`chunk ${chunk} of batch ${batchId} was applied concurrently`);
    const locale = this.deps.settings.BILLING_EMAIL_LOCALE;
    await recordEvents(em, [
      ...emailRequests(profile.profile, inserted, locale, this.deps.pdfUrl),
      batchUpdated(done),
    ]);
  }

  /**
   * Boleto and PIX for every valid row. The our-numbers are reserved in their own short
   * transaction, so concurrent chunks never wait on the profile row; numbers of rows that
   * turn out duplicates (or of a chunk rolled back) are skipped, never reused.
   */
  private async issue(
    batch: BatchRecord,
    profile: ProfileRecord,
    rows: readonly ChargeRow[],
  ): Promise<NewBatchCharge[]> {
    if (rows.length === 0) return [];
    const first = await profileRepository.allocateOurNumbers(
      this.deps.orm.em.fork(),
      batch.userId,
      rows.length,
    );
    const bank = bankOf(profile);
    return rows.map((row, i) => {
      const id = newId();
      const boleto = buildBoleto(bank, first + BigInt(i), row.dueDate, row.amountCents);
      const pix = buildPixBrCode({
        key: profile.pixKey ?? '',
        amountCents: row.amountCents,
        txid: id.replace(/-/g, '').slice(0, 25),
        merchantName: profile.beneficiaryName ?? '',
        merchantCity: this.deps.settings.BILLING_PIX_MERCHANT_CITY,
      });
      return {
        id,
        userId: batch.userId,
        debtId: row.debtId,
        requestHash: requestHash([
          row.name,
          row.governmentId,
          row.email,
          row.amountCents,
          row.dueDate,
        ]),
        payerName: row.name,
        payerGovernmentId: row.governmentId,
        payerEmail: row.email,
        amount: row.amountCents,
        dueDate: row.dueDate,
        status: 'ISSUED',
        ourNumber: boleto.ourNumber,
        barcode: boleto.barcode,
        digitableLine: boleto.digitableLine,
        pixBrCode: pix,
        batchId: batch.id,
        line: row.line,
      };
    });
  }

  private async fail(em: EntityManager, batch: BatchRecord, reason: string): Promise<void> {
    const failed = await batchRepository.fail(em, batch.id, reason);
    await recordEvents(em, [batchUpdated(failed)]);
  }
}
