import type { CardMovement } from '@saldo/events';
import type { RowKind } from '../parsers/types';

// Bill payments as banks word them: "Pagamento recebido", "PAGTO FATURA", "PAYMENT - THANK YOU".
const PAYMENT = /\b(pagamento|pagto|pgto|payment|pag fatura)\b/;
// A reversal is a refund even when it reverses a payment-like line.
const REFUND = /\b(estorno|reembolso|devolucao|refund|chargeback|credito de)\b/;

/**
 * What a card statement's row is to the card: money leaving is a purchase; money coming
 * back is the bill payment when the bank words it so, a refund otherwise.
 */
export function cardMovementOf(row: { kind: RowKind; description: string }): CardMovement {
  if (row.kind === 'EXPENSE') return 'PURCHASE';
  const text = row.description.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (REFUND.test(text)) return 'REFUND';
  return PAYMENT.test(text) ? 'PAYMENT' : 'REFUND';
}
