import {
  DomainError,
  event,
  queryOne,
  recordEvents,
  type EntityManager,
  type HandlerMap,
  type Logger,
} from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { EntryKind, EntrySource } from '../entries/entry.model';
import type { EntryService } from '../entries/entry.service';

export type ChargePaid = EventData<'billing.charge.paid'>;

const externalId = (chargeId: string) => `charge:${chargeId}`;

/**
 * Charges paid in the billing subgraph, booked as INCOME entries (source BILLING) in the
 * beneficiary's receiving account, once per charge whatever arrives twice (the external id
 * `charge:<chargeId>`, unique per user and source). Answered `ledger.charge_payment.booked`
 * with the entry, or `.rejected` when the ledger refuses it (unknown or archived account,
 * another currency), booking nothing.
 */
export class ChargePayments {
  constructor(private readonly entries: EntryService) {}

  async book(em: EntityManager, userId: string, paid: ChargePaid, log: Logger): Promise<void> {
    const existing = await queryOne<{ id: string }>(
      em,
      `select id from entries
        where user_id = ?::uuid and source = 'BILLING' and external_id = ? limit 1`,
      [userId, externalId(paid.chargeId)],
    );
    let entryId = existing?.id;
    if (!entryId) {
      try {
        // Under a savepoint: a refused payment leaves the inbox transaction usable.
        const [entry] = await em.transactional((tx) =>
          this.entries.createInTransaction(
            tx,
            userId,
            [
              {
                kind: EntryKind.INCOME,
                accountId: paid.accountId,
                amount: paid.amount.amount,
                date: paid.date,
                description: paid.description,
                categoryId: null,
                source: EntrySource.BILLING,
                externalId: externalId(paid.chargeId),
              },
            ],
            // A received payment is a past movement: it posts on its date.
            paid.date,
          ),
        );
        entryId = entry!.id;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        log.info({ chargeId: paid.chargeId, code: error.code }, 'charge payment rejected');
        await recordEvents(em, [
          event('ledger.charge_payment.rejected', userId, {
            chargeId: paid.chargeId,
            code: error.code,
            reason: error.message,
          }),
        ]);
        return;
      }
    }
    await recordEvents(em, [
      event('ledger.charge_payment.booked', userId, { chargeId: paid.chargeId, entryId }),
    ]);
  }
}

/** The billing subgraph's paid charges, added to `base`. */
export function billingHandlers(base: HandlerMap, payments: ChargePayments): HandlerMap {
  return {
    ...base,
    'billing.charge.paid': async (event, { em, log }) => {
      if (!event.userId) throw new Error('billing.charge.paid without a user');
      await payments.book(em, event.userId, event.data, log);
    },
  };
}
