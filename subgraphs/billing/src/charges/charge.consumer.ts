import { query, queryOne, recordEvents, type HandlerMap } from '@saldo/kit';
import { batchUpdated } from '../batches/batch-events';
import { batchRepository } from '../batches/batch.repository';

/**
 * Notifications' delivery outcomes and the ledger's answers to `billing.charge.paid`.
 * Each update is guarded, so a redelivered or stale answer changes nothing: an outcome
 * counts only for the charge's current attempt and only while the charge awaits it.
 */
export const chargeHandlers: HandlerMap = {
  'notifications.charge_emails.delivered': async (event, { em }) => {
    const userId = event.userId;
    if (userId === null) return;
    // Per batch: charges emailed for the first time, and the change in charges FAILED.
    const counts = new Map<string, { sent: number; failed: number }>();
    const count = (batchId: string | null, sent: number, failed: number) => {
      if (!batchId) return;
      const c = counts.get(batchId) ?? { sent: 0, failed: 0 };
      counts.set(batchId, { sent: c.sent + sent, failed: c.failed + failed });
    };
    for (const r of event.data.results) {
      if (r.outcome === 'SENT') {
        const row = await queryOne<{
          batch_id: string | null;
          first: boolean;
          was_failed: boolean;
        }>(
          em,
          `with prev as (
             select id, batch_id, sent_at is null as first, status = 'FAILED' as was_failed
               from charges
              where id = ?::uuid and user_id = ?::uuid and attempt = ?
                and status in ('ISSUED', 'FAILED', 'SENT', 'OVERDUE') for update)
           update charges c set status = case when c.status in ('ISSUED', 'FAILED') then 'SENT' else c.status end,
             sent_at = ?::timestamptz, failure_reason = null, updated_at = now()
             from prev where c.id = prev.id
           returning prev.batch_id, prev.first, prev.was_failed`,
          [r.chargeId, userId, r.attempt, r.at],
        );
        if (row) count(row.batch_id, row.first ? 1 : 0, row.was_failed ? -1 : 0);
      } else {
        const row = await queryOne<{ batch_id: string | null }>(
          em,
          `update charges set status = 'FAILED', failure_reason = ?, updated_at = now()
           where id = ?::uuid and user_id = ?::uuid and attempt = ? and status = 'ISSUED'
           returning batch_id`,
          [r.reason ?? 'The email could not be delivered', r.chargeId, userId, r.attempt],
        );
        if (row) count(row.batch_id, 0, 1);
      }
    }
    // Batches in one order, so concurrent outcomes never deadlock on them.
    const updated = [];
    for (const [batchId, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
      if (c.sent === 0 && c.failed === 0) continue;
      const batch = await batchRepository.addDeliveries(em, userId, batchId, c.sent, c.failed);
      if (batch) updated.push(batchUpdated(batch));
    }
    await recordEvents(em, updated);
  },
  'ledger.charge_payment.booked': async (event, { em }) => {
    await query(
      em,
      `update charges set ledger_entry_id = ?::uuid, ledger_rejection = null, updated_at = now()
       where id = ?::uuid and user_id = ?::uuid`,
      [event.data.entryId, event.data.chargeId, event.userId],
    );
  },
  'ledger.charge_payment.rejected': async (event, { em }) => {
    await query(
      em,
      `update charges set ledger_rejection = ?, updated_at = now()
       where id = ?::uuid and user_id = ?::uuid and ledger_entry_id is null`,
      [`${event.data.code}: ${event.data.reason}`, event.data.chargeId, event.userId],
    );
  },
};
