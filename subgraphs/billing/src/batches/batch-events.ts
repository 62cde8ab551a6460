import { event, type PendingEvent } from '@saldo/kit';
import { progressOf, type BatchRecord } from './batch.repository';

/** `billing.batch.updated`: what the router's chargeBatchUpdated subscription pushes. */
export function batchUpdated(b: BatchRecord): PendingEvent<'billing.batch.updated'> {
  return event('billing.batch.updated', b.userId, {
    batchId: b.id,
    status: b.status,
    totals: b.totals,
    progress: progressOf(b),
    updatedAt: new Date().toISOString(),
  });
}
