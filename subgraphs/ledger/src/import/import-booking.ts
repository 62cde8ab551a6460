import {
  DomainError,
  event,
  query,
  recordEvents,
  type EntityManager,
  type Logger,
} from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { CategoryKind } from '../categories/category.model';
import type { CategoryService } from '../categories/category.service';
import { EntryKind, EntrySource } from '../entries/entry.model';
import type { EntryService } from '../entries/entry.service';

export type ImportChunk = EventData<'import.rows.confirmed'>;
type ChunkRow = ImportChunk['rows'][number];

/** External ids of the account's imported entries among `ids` (deleted ones too). */
async function alreadyBooked(
  em: EntityManager,
  userId: string,
  accountId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const rows = await query<{ external_id: string }>(
    em,
    // One index probe per key, keys outside: with fresh (unanalysed) statistics a plain
    // join or `= any(array)` scanned the account's imported rows once per key.
    `select k.id as external_id from unnest(?::text[]) as k(id)
       cross join lateral (select 1 from entries e
         where e.account_id = ?::uuid and e.source = 'IMPORT' and e.external_id = k.id
           and e.user_id = ?::uuid limit 1) as hit`,
    [ids, accountId, userId],
  );
  return new Set(rows.map((r) => r.external_id));
}

/**
 * Statement rows confirmed in the import subgraph, booked as INCOME / EXPENSE entries with
 * source IMPORT. Each row is booked once per account whatever arrives twice (its externalId);
 * the answer says how many were created and how many were there already. A chunk the
 * ledger refuses (unknown or archived account, another currency) books nothing and is
 * answered `ledger.import_chunk.rejected`.
 */
export class ImportBooking {
  constructor(
    private readonly entries: EntryService,
    private readonly categories: CategoryService,
  ) {}

  async book(em: EntityManager, userId: string, chunk: ImportChunk, log: Logger): Promise<void> {
    const answer = { jobId: chunk.jobId, chunk: chunk.chunk };
    const ids = chunk.rows.map((r) => r.externalId);
    const booked = await alreadyBooked(em, userId, chunk.accountId, ids);
    const fresh = chunk.rows.filter((r) => !booked.has(r.externalId));
    try {
      if (fresh.length > 0) await this.create(em, userId, chunk.accountId, fresh);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      log.info({ ...answer, code: error.code }, 'import chunk rejected');
      await recordEvents(em, [
        event('ledger.import_chunk.rejected', userId, {
          ...answer,
          code: error.code,
          reason: error.message,
        }),
      ]);
      return;
    }
    await recordEvents(em, [
      event('ledger.import_chunk.applied', userId, {
        ...answer,
        created: fresh.length,
        existing: chunk.rows.length - fresh.length,
      }),
    ]);
  }

  /** Under a savepoint: a refused chunk leaves the inbox transaction usable. */
  private async create(
    em: EntityManager,
    userId: string,
    accountId: string,
    rows: readonly ChunkRow[],
  ): Promise<void> {
    const categories = await this.usableCategories(em, userId, rows);
    // Statement rows are past movements: every one posts (none waits as PENDING).
    const today = rows.map((r) => r.date).reduce((a, b) => (a > b ? a : b));
    await em.transactional((tx) =>
      this.entries.createInTransaction(
        tx,
        userId,
        rows.map((r) => ({
          kind: r.kind === 'INCOME' ? EntryKind.INCOME : EntryKind.EXPENSE,
          accountId,
          amount: r.amount.amount,
          date: r.date,
          description: r.description,
          categoryId: r.categoryId && categories.get(r.categoryId) === r.kind ? r.categoryId : null,
          source: EntrySource.IMPORT,
          externalId: r.externalId,
        })),
        today,
      ),
    );
  }

  /** The rows' categories the ledger can book on: the user's, open, of the row's kind. */
  private async usableCategories(
    em: EntityManager,
    userId: string,
    rows: readonly ChunkRow[],
  ): Promise<Map<string, 'INCOME' | 'EXPENSE'>> {
    const ids = [...new Set(rows.flatMap((r) => (r.categoryId ? [r.categoryId] : [])))];
    const found = ids.length > 0 ? await this.categories.byIds(em, userId, ids) : [];
    return new Map(
      found
        .filter((c) => !c.archived)
        .map((c) => [c.id, c.kind === CategoryKind.INCOME ? 'INCOME' : 'EXPENSE'] as const),
    );
  }
}
