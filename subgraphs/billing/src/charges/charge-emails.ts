import { event, toMoney, type PendingEvent } from '@saldo/kit';
import type { ProfileRecord } from '../profiles/profile.repository';
import type { ChargeRecord } from './charge.repository';

/** The most charges one `billing.charge_emails.requested` event carries (its schema's cap). */
export const EMAILS_PER_EVENT = 1000;

/**
 * The email requests for issued charges (notifications mails each payer at the row's
 * address): one event per 1,000 charges, for the charges' current attempt.
 */
export function emailRequests(
  profile: ProfileRecord,
  charges: readonly ChargeRecord[],
  locale: string,
  pdfUrl: (chargeId: string) => string,
): PendingEvent<'billing.charge_emails.requested'>[] {
  const events: PendingEvent<'billing.charge_emails.requested'>[] = [];
  for (let i = 0; i < charges.length; i += EMAILS_PER_EVENT) {
    events.push(
      event('billing.charge_emails.requested', profile.userId, {
        beneficiaryName: profile.beneficiaryName ?? '',
        senderName: profile.senderName ?? '',
        locale,
        charges: charges.slice(i, i + EMAILS_PER_EVENT).map((charge) => ({
          chargeId: charge.id,
          debtId: charge.debtId,
          payerName: charge.payerName,
          payerEmail: charge.payerEmail,
          amount: toMoney(charge.amount, charge.currency),
          dueDate: charge.dueDate,
          digitableLine: charge.digitableLine ?? '',
          pixBrCode: charge.pixBrCode,
          pdfUrl: pdfUrl(charge.id),
          attempt: charge.attempt,
        })),
      }),
    );
  }
  return events;
}
