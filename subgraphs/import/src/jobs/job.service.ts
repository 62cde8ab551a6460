import {
  badInput,
  invalidState,
  isUuid,
  newId,
  notFound,
  notFoundField,
  paginate,
  recordEvents,
  requiredText,
  type Clock,
  type ConnectionValue,
  type EntityManager,
  type Logger,
} from '@saldo/kit';
import { fileRepository } from '../files/file.repository';
import { mappingRepository } from '../mappings/mapping.repository';
import {
  StatementError,
  type ParseOptions,
  type ParseResult,
  type ParseStatement,
} from '../parsers/types';
import { rowRepository, type RowFilter } from '../rows/row.repository';
import type { RowRecord } from '../rows/row.model';
import { jobUpdated } from './job-events';
import { ImportStatus, type JobIssue, type JobRecord, type Totals } from './job.model';
import { jobRepository, type PagedJob } from './job.repository';
import {
  parseLeaseRepository,
  type ClaimedParse,
  type ParseRequest,
} from './parse-lease.repository';
import { buildPreview } from './preview';
import { checkTarget, csvOptions, type StartCommand } from './start-input';
import { chooseStatement } from './statement-choice';

export interface ImportLimits {
  maxRows: number;
  maxLineBytes: number;
  /** How long one parse attempt holds its job before another process may take it over. */
  parseLeaseMs: number;
  /** Attempts (the first included) before a job that keeps dying mid-parse turns FAILED. */
  maxParseAttempts: number;
}

export interface RowChange {
  rowId: string;
  included?: boolean | null;
  categoryId?: string | null;
  description?: string | null;
}

const MAX_ERRORS = 100;

/**
 * Import jobs: start (parse -> PREVIEW), read, edit rows, cancel. Parsing goes through the
 * injected `parse` port (pure; bytes in, rows out), so the job logic is tested with any parser.
 */
export class JobService {
  constructor(
    private readonly parse: ParseStatement,
    private readonly limits: ImportLimits,
    private readonly clock: Clock,
  ) {}

  async get(em: EntityManager, userId: string, id: string): Promise<JobRecord> {
    const job = isUuid(id) ? await jobRepository.byId(em, userId, id) : null;
    if (!job) throw notFound('ImportJob', id);
    return job;
  }

  byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<JobRecord[]> {
    return jobRepository.byIds(em, userId, ids.filter(isUuid));
  }

  page(
    em: EntityManager,
    userId: string,
    args: { first?: number | null; after?: string | null },
  ): Promise<ConnectionValue<PagedJob>> {
    return paginate(
      args,
      'jobs:created-desc',
      (j) => [j.createdKey, j.record.id],
      (page) => jobRepository.page(em, userId, page),
    );
  }

  totals(em: EntityManager, jobs: readonly JobRecord[]): Promise<Map<string, Totals>> {
    return jobRepository.totals(em, jobs);
  }

  rows(
    em: EntityManager,
    job: JobRecord,
    filter: RowFilter,
    args: { first?: number | null; after?: string | null },
  ): Promise<ConnectionValue<RowRecord>> {
    return paginate(
      args,
      'rows:line',
      (r) => [r.line, r.id],
      (page) => rowRepository.page(em, job.userId, job.id, filter, page),
    );
  }

  /**
   * Creates the job (PARSING, leased to this attempt), parses the file and leaves the job in
   * PREVIEW or FAILED. If this process dies mid-parse, the lease expires and `ParseRecovery`
   * parses the job again from its stored request.
   */
  async start(
    em: EntityManager,
    userId: string,
    command: StartCommand,
    log: Logger,
  ): Promise<JobRecord> {
    const target = checkTarget(command);
    const file = await fileRepository.byId(em, userId, command.fileId);
    if (!file) throw notFoundField('File', 'fileId', command.fileId);
    const options = await this.parseOptions(em, userId, command);
    const request: ParseRequest = {
      options,
      statementAccountId: command.statementAccountId ?? null,
    };
    const now = this.clock.now();
    const job: JobRecord = {
      id: newId(),
      userId,
      fileId: file.id,
      status: ImportStatus.PARSING,
      format: command.format ?? null,
      filename: file.filename,
      ...target,
      currency: null,
      statementAccounts: [],
      statementAccountId: null,
      detected: {},
      errors: [],
      invalid: 0,
      chunks: 0,
      imported: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    };
    await em.transactional(async (tx) => {
      await jobRepository.insert(tx, job);
      await parseLeaseRepository.begin(tx, job.id, request, this.limits.parseLeaseMs);
      await recordEvents(tx, [jobUpdated(job, emptyTotals())]);
    });
    const claim = { jobId: job.id, userId, fileId: file.id, attempt: 1, request };
    return (await this.parseClaimed(em, claim, log)) ?? job;
  }

  /**
   * Parses a job whose lease `claim` holds and stores its preview. Idempotent: the rows and the
   * status change commit together, under the job's lock, only while the job is still PARSING
   * and still held by this attempt; anything else (a crash, a newer attempt) leaves no rows.
   * Null when the job is gone.
   */
  async parseClaimed(
    em: EntityManager,
    claim: ClaimedParse,
    log: Logger,
  ): Promise<JobRecord | null> {
    const parsed = await this.parseFor(em, claim, log);
    return em.transactional(async (tx) => {
      const locked = await jobRepository.byId(tx, claim.userId, claim.jobId, true);
      if (!locked) return null;
      if (locked.status !== ImportStatus.PARSING) return locked;
      if ((await parseLeaseRepository.attempt(tx, locked.id)) !== claim.attempt) return locked;
      const next = await this.afterParse(
        tx,
        locked,
        parsed,
        claim.request?.statementAccountId ?? null,
      );
      const saved = await jobRepository.save(tx, next);
      await parseLeaseRepository.release(tx, saved.id);
      const totals = (await jobRepository.totals(tx, [saved])).get(saved.id)!;
      await recordEvents(tx, [jobUpdated(saved, totals)]);
      return saved;
    });
  }

  private async parseFor(
    em: EntityManager,
    claim: ClaimedParse,
    log: Logger,
  ): Promise<ParseResult | { failure: JobIssue }> {
    const failure = (message: string) => ({ failure: { line: null, message } });
    if (!claim.request) {
      return failure('Parsing was interrupted and cannot be resumed; start the import again');
    }
    if (claim.attempt > this.limits.maxParseAttempts) {
      return failure(
        `Parsing was interrupted ${claim.attempt - 1} times before it could finish; ` +
          'the file may be too large to read, try a smaller one',
      );
    }
    if (!claim.fileId) return failure('The uploaded file is gone; upload it again');
    const content = await fileRepository.content(em, claim.fileId);
    return this.tryParse(content, claim.request.options, log);
  }

  private async parseOptions(
    em: EntityManager,
    userId: string,
    command: StartCommand,
  ): Promise<ParseOptions> {
    const options: ParseOptions = {
      maxRows: this.limits.maxRows,
      maxLineBytes: this.limits.maxLineBytes,
    };
    if (command.format) options.format = command.format;
    if (command.csv) {
      let saved = null;
      if (command.csv.mappingName) {
        saved = await mappingRepository.byName(em, userId, command.csv.mappingName);
        if (!saved) throw notFoundField('CsvMapping', 'mappingName', command.csv.mappingName);
      }
      options.csv = csvOptions(command.csv, saved?.mapping ?? null);
    }
    return options;
  }

  /** The parser's result, or the clear reason it could not read the file. Never throws. */
  private tryParse(
    content: Buffer,
    options: ParseOptions,
    log: Logger,
  ): ParseResult | { failure: JobIssue } {
    try {
      return this.parse(content, options);
    } catch (error) {
      if (error instanceof StatementError) {
        return { failure: { line: error.line ?? null, message: error.message } };
      }
      log.error({ err: error }, 'statement parser failed');
      return { failure: { line: null, message: 'The file could not be read as a statement' } };
    }
  }

  private async afterParse(
    em: EntityManager,
    job: JobRecord,
    parsed: ParseResult | { failure: JobIssue },
    statementAccountId: string | null,
  ): Promise<JobRecord> {
    if ('failure' in parsed) return failed(job, [parsed.failure]);
    const base: JobRecord = {
      ...job,
      format: parsed.format,
      detected: parsed.detected,
      statementAccounts: parsed.accounts.map((a) => ({
        id: a.id,
        type: a.type,
        currency: a.currency,
        rows: a.rows.length,
      })),
    };
    const choice = chooseStatement(parsed, statementAccountId, job.cardId !== null);
    if ('failure' in choice) return failed(base, [choice.failure]);
    const { account } = choice;
    const preview = await buildPreview(em, {
      jobId: job.id,
      userId: job.userId,
      accountId: job.accountId ?? job.cardId!,
      currency: account.currency,
      rows: account.rows,
    });
    await rowRepository.insertMany(em, preview.rows);
    const issues = [
      ...parsed.invalid.map((i) => ({ line: i.line ?? null, message: i.message })),
      ...preview.issues,
    ];
    return {
      ...base,
      status: ImportStatus.PREVIEW,
      currency: account.currency,
      statementAccountId: account.id,
      errors: issues.slice(0, MAX_ERRORS),
      invalid: issues.length,
    };
  }

  /** Includes or excludes rows, sets their category or description; only in PREVIEW. */
  async updateRows(
    em: EntityManager,
    userId: string,
    jobId: string,
    changes: readonly RowChange[],
  ): Promise<JobRecord> {
    if (changes.length > 1000)
      throw badInput('At most 1,000 changes at a time', { field: 'changes' });
    return em.transactional(async (tx) => {
      const job = await this.locked(tx, userId, jobId);
      if (job.status !== ImportStatus.PREVIEW) {
        throw invalidState(`Rows can only change in PREVIEW; the job is ${job.status}`);
      }
      const ids = changes.map((c) => c.rowId);
      const bad = ids.find((id) => !isUuid(id));
      if (bad) throw notFoundField('ImportRow', 'rowId', bad);
      const rows = new Map(
        (await rowRepository.byIds(tx, userId, jobId, ids)).map((r) => [r.id, r]),
      );
      for (const c of changes) {
        const row = rows.get(c.rowId);
        if (!row) throw notFoundField('ImportRow', 'rowId', c.rowId);
        if (c.included != null) row.included = c.included;
        if (c.categoryId !== undefined) {
          if (c.categoryId !== null && !isUuid(c.categoryId)) {
            throw notFoundField('Category', 'categoryId', c.categoryId);
          }
          row.categoryId = c.categoryId;
        }
        if (c.description != null)
          row.description = requiredText(c.description, 'description', 500);
        await rowRepository.update(tx, row);
      }
      const saved = await jobRepository.save(tx, job);
      const totals = (await jobRepository.totals(tx, [saved])).get(saved.id)!;
      await recordEvents(tx, [jobUpdated(saved, totals)]);
      return saved;
    });
  }

  /** Drops a job not yet confirmed; its file goes with it. */
  async cancel(em: EntityManager, userId: string, jobId: string): Promise<JobRecord> {
    return em.transactional(async (tx) => {
      const job = await this.locked(tx, userId, jobId);
      if (job.status === ImportStatus.CANCELLED) return job;
      if (![ImportStatus.PREVIEW, ImportStatus.FAILED, ImportStatus.PARSING].includes(job.status)) {
        throw invalidState(`A job that is ${job.status} cannot be cancelled`);
      }
      if (job.fileId) await fileRepository.remove(tx, job.fileId);
      const saved = await jobRepository.save(tx, {
        ...job,
        fileId: null,
        status: ImportStatus.CANCELLED,
        completedAt: this.clock.now(),
      });
      const totals = (await jobRepository.totals(tx, [saved])).get(saved.id)!;
      await recordEvents(tx, [jobUpdated(saved, totals)]);
      return saved;
    });
  }

  private async locked(em: EntityManager, userId: string, jobId: string): Promise<JobRecord> {
    const job = isUuid(jobId) ? await jobRepository.byId(em, userId, jobId, true) : null;
    if (!job) throw notFound('ImportJob', jobId);
    return job;
  }
}

export const emptyTotals = (): Totals => ({
  rows: 0,
  new: 0,
  duplicates: 0,
  excluded: 0,
  invalid: 0,
  imported: 0,
});

function failed(job: JobRecord, errors: JobIssue[]): JobRecord {
  return { ...job, status: ImportStatus.FAILED, errors, completedAt: new Date() };
}
