import {
  badInput,
  event,
  isUuid,
  newId,
  notFound,
  paginate,
  recordEvents,
  type ConnectionValue,
  type EntityManager,
} from '@saldo/kit';
import { billingFiles } from '../files/file.store';
import { profileRepository } from '../profiles/profile.repository';
import { requireComplete, statusOf } from '../profiles/profile.service';
import { batchUpdated } from './batch-events';
import { batchRepository, type BatchErrorRecord, type BatchRecord } from './batch.repository';

type PageArgs = { first?: number | null; after?: string | null };

function requireId(id: string, field: string): string {
  if (!isUuid(id)) throw badInput(`${field} is not an id`, { field });
  return id;
}

/** A beneficiary's charge files as batches: recorded here, processed by the workers. */
export class BatchService {
  /**
   * Records the batch RECEIVED and, in the same transaction, the event a worker splits
   * the file on. The file must be the caller's billing upload; the profile complete.
   */
  async importCharges(em: EntityManager, userId: string, fileId: string): Promise<BatchRecord> {
    requireId(fileId, 'fileId');
    return em.transactional(async (tx) => {
      const file = await billingFiles.byId(tx, userId, fileId);
      if (!file) throw notFound('File', fileId);
      requireComplete(statusOf(await profileRepository.get(tx, userId)));
      const batch = await batchRepository.insert(tx, {
        id: newId(),
        userId,
        fileId,
        filename: file.filename,
      });
      await recordEvents(tx, [
        event('billing.batch.received', userId, { batchId: batch.id, fileId }),
        batchUpdated(batch),
      ]);
      return batch;
    });
  }

  async get(em: EntityManager, userId: string, id: string): Promise<BatchRecord> {
    const batch = isUuid(id) ? await batchRepository.get(em, userId, id) : null;
    if (!batch) throw notFound('ChargeBatch', id);
    return batch;
  }

  byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<BatchRecord[]> {
    return batchRepository.byIds(em, userId, ids);
  }

  page(em: EntityManager, userId: string, args: PageArgs): Promise<ConnectionValue<BatchRecord>> {
    return paginate(
      args,
      'chargeBatches:id',
      (b) => [b.id],
      (request) => batchRepository.page(em, userId, request),
    );
  }

  /** The errors of a batch already loaded for its owner, by line. */
  errors(
    em: EntityManager,
    batch: BatchRecord,
    args: PageArgs,
  ): Promise<ConnectionValue<BatchErrorRecord>> {
    return paginate(
      args,
      'chargeBatchErrors:line',
      (e) => [e.line, e.idx],
      (request) => batchRepository.errors(em, batch.id, request),
    );
  }
}
