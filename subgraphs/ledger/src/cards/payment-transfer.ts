import {
  DomainError,
  ErrorCode,
  event,
  recordEvents,
  type EntityManager,
  type Logger,
} from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { EntryKind, EntrySource } from '../entries/entry.model';
import type { EntryService } from '../entries/entry.service';

export type PaymentData = EventData<'cards.payment.requested'>['payment'];

/** The card's own account not there yet (its card.created not applied): retry later. */
const notYet = (error: DomainError) =>
  error.code === ErrorCode.NOT_FOUND && error.details['field'] === 'toAccountId';

/** Invoice payments asked for by cards, booked as transfers. */
export class PaymentTransfers {
  constructor(private readonly entries: EntryService) {}

  /**
   * An invoice payment: a TRANSFER from the paying account to the card's liability
   * account, source CARDS, so `ledger.entry.created` confirms it to cards. When the ledger
   * refuses it (overdraft, archived or unknown account, another currency), it answers
   * `ledger.entry.rejected` instead of failing the event: nothing is booked, cards fails
   * the payment. The attempt runs under a savepoint so a refused write leaves the inbox
   * transaction usable.
   */
  async book(em: EntityManager, userId: string, payment: PaymentData, log: Logger): Promise<void> {
    try {
      await em.transactional((tx) =>
        this.entries.createInTransaction(
          tx,
          userId,
          [
            {
              kind: EntryKind.TRANSFER,
              accountId: payment.fromAccountId,
              toAccountId: payment.liabilityAccountId,
              amount: payment.amount.amount,
              date: payment.date,
              description: payment.description,
              source: EntrySource.CARDS,
              externalId: payment.externalId,
            },
          ],
          payment.date,
        ),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || notYet(error)) throw error;
      log.info({ paymentId: payment.paymentId, code: error.code }, 'card payment rejected');
      await recordEvents(em, [
        event('ledger.entry.rejected', userId, {
          userId,
          source: EntrySource.CARDS,
          externalId: payment.externalId,
          code: error.code,
          reason: error.message,
        }),
      ]);
    }
  }
}
