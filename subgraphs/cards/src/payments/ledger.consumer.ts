import { isUuid, type HandlerMap } from '@saldo/kit';
import { PAYMENT_EXTERNAL_PREFIX } from './payment.model';
import type { PaymentService } from './payment.service';

/** The payment an answer of the ledger is about, from its source and externalId. */
function paymentIdOf(source: string, externalId: string | null): string | null {
  if (source !== 'CARDS' || !externalId?.startsWith(PAYMENT_EXTERNAL_PREFIX)) return null;
  const id = externalId.slice(PAYMENT_EXTERNAL_PREFIX.length);
  return isUuid(id) ? id : null;
}

/**
 * The ledger's answers to `cards.payment.requested`: the transfer's
 * `ledger.entry.created` confirms the payment, `ledger.entry.rejected` fails it.
 * Every other entry is none of cards' business.
 */
export function ledgerHandlers(payments: PaymentService): HandlerMap {
  return {
    'ledger.entry.created': async (event, { em, log }) => {
      const { entry } = event.data;
      const id = paymentIdOf(entry.source, entry.externalId);
      if (id) await payments.confirm(em, entry.userId, id, entry.id, log);
    },
    'ledger.entry.rejected': async (event, { em, log }) => {
      const answer = event.data;
      const id = paymentIdOf(answer.source, answer.externalId);
      if (id) await payments.fail(em, answer.userId, id, answer.code, answer.reason, log);
    },
  };
}
