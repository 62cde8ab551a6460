import { query, type HandlerMap } from '@saldo/kit';

/**
 * Notifications' delivery outcomes and the ledger's answers to `billing.charge.paid`.
 * Each update is guarded, so a redelivered or stale answer changes nothing: an outcome
 * counts only for the charge's current attempt and only while the charge awaits it.
 */
export const chargeHandlers: HandlerMap = {
  'notifications.charge_emails.delivered': async (event, { em }) => {
    const userId = event.userId;
    if (userId === null) return;
    for (const r of event.data.results) {
      if (r.outcome === 'SENT') {
        await query(
          em,
          `update charges set status = case when status in ('ISSUED', 'FAILED') then 'SENT' else status end,
             sent_at = ?::timestamptz, failure_reason = null, updated_at = now()
           where id = ?::uuid and user_id = ?::uuid and attempt = ?
             and status in ('ISSUED', 'FAILED', 'SENT', 'OVERDUE')`,
          [r.at, r.chargeId, userId, r.attempt],
        );
      } else {
        await query(
          em,
          `update charges set status = 'FAILED', failure_reason = ?, updated_at = now()
           where id = ?::uuid and user_id = ?::uuid and attempt = ? and status = 'ISSUED'`,
          [r.reason ?? 'The email could not be delivered', r.chargeId, userId, r.attempt],
        );
      }
    }
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
