import {
  isUuid,
  notFound,
  paginate,
  type ConnectionValue,
  type EntityManager,
  type LocalDate,
} from '@saldo/kit';
import { deleteEntry, markPosted, updateEntry, type EntryPatch } from './entry-changes';
import type { EntryCommand, NewEntry } from './entry-input';
import { entriesByIds, listEntries, EntryOrder, type EntryFilter } from './entry-query';
import { effectivePostings, type PostingRow } from './entry-sql';
import { writeEntries } from './entry-writer';
import type { EntryRecord } from './entry.model';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/**
 * Entries: create (one or a batch, all or nothing), edit, delete, post, read. Each write
 * is atomic on its own (one statement or one transaction); `createInTransaction` joins
 * the caller's transaction (an event handler's inbox transaction) so a consumed event
 * and its entries commit together.
 */
export class EntryService {
  async create(
    em: EntityManager,
    userId: string,
    input: NewEntry,
    today: LocalDate,
  ): Promise<EntryRecord> {
    const [entry] = await this.createMany(em, userId, [input], today);
    return entry!;
  }

  async createMany(
    em: EntityManager,
    userId: string,
    inputs: readonly NewEntry[],
    today: LocalDate,
  ): Promise<EntryRecord[]> {
    return writeEntries(em, userId, inputs, today);
  }

  /** For event handlers and the scheduler: `em` must already be inside a transaction. */
  async createInTransaction(
    em: EntityManager,
    userId: string,
    commands: readonly EntryCommand[],
    today: LocalDate,
  ): Promise<EntryRecord[]> {
    if (!em.isInTransaction()) throw new Error('createInTransaction needs a transaction');
    return writeEntries(em, userId, commands, today);
  }

  /** Edits an entry inside the caller's transaction (an event handler's). */
  async updateInTransaction(
    em: EntityManager,
    userId: string,
    id: string,
    patch: EntryPatch,
  ): Promise<EntryRecord> {
    if (!em.isInTransaction()) throw new Error('updateInTransaction needs a transaction');
    return updateEntry(em, userId, id, patch);
  }

  /** Deletes an entry inside the caller's transaction (a handler's, or a recurrence edit). */
  async deleteInTransaction(em: EntityManager, userId: string, id: string): Promise<EntryRecord> {
    if (!em.isInTransaction()) throw new Error('deleteInTransaction needs a transaction');
    return deleteEntry(em, userId, id);
  }

  async update(
    em: EntityManager,
    userId: string,
    id: string,
    patch: EntryPatch,
  ): Promise<EntryRecord> {
    this.assertId(id);
    return em.transactional((tx) => updateEntry(tx, userId, id, patch));
  }

  async delete(em: EntityManager, userId: string, id: string): Promise<EntryRecord> {
    this.assertId(id);
    return em.transactional((tx) => deleteEntry(tx, userId, id));
  }

  /** Posts a pending entry on `date`; in a transaction of its own unless `em` is in one. */
  async markPosted(
    em: EntityManager,
    userId: string,
    id: string,
    date: LocalDate,
  ): Promise<EntryRecord> {
    this.assertId(id);
    if (em.isInTransaction()) return markPosted(em, userId, id, date);
    return em.transactional((tx) => markPosted(tx, userId, id, date));
  }

  async get(em: EntityManager, userId: string, id: string): Promise<EntryRecord> {
    this.assertId(id);
    const [entry] = await entriesByIds(em, userId, [id]);
    if (!entry) throw notFound('Entry', id);
    return entry;
  }

  byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<EntryRecord[]> {
    return entriesByIds(em, userId, ids);
  }

  list(
    em: EntityManager,
    userId: string,
    filter: EntryFilter,
    order: EntryOrder,
    page: PageArgs,
  ): Promise<ConnectionValue<EntryRecord>> {
    return paginate(
      page,
      `entries:${order}`,
      (e: EntryRecord) => [e.date, e.id],
      (request) => listEntries(em, userId, filter, order, request),
    );
  }

  /** Postings in effect for each entry (real and nominal accounts). */
  postings(em: EntityManager, entryIds: readonly string[]): Promise<Map<string, PostingRow[]>> {
    return effectivePostings(em, entryIds);
  }

  private assertId(id: string): void {
    if (!isUuid(id)) throw notFound('Entry', id);
  }
}

export { EntryOrder };
