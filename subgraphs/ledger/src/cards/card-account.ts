import { event, recordEvents, type EntityManager } from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { accountEventData, AccountType, type AccountRecord } from '../accounts/account.model';
import type { AccountRepository } from '../accounts/account.repository';
import type { AccountService } from '../accounts/account.service';

export type CardData = EventData<'cards.card.created'>['card'];

/** The liability account's external id: links it back to its card. */
export const cardExternalId = (cardId: string) => `card:${cardId}`;

/** Each card's CREDIT_CARD account in the ledger, kept in line with the card's events. */
export class CardAccounts {
  constructor(
    private readonly repo: AccountRepository,
    private readonly accounts: AccountService,
  ) {}

  /** Brings the card's account in line with the card: created, renamed, archived. */
  async sync(em: EntityManager, userId: string, card: CardData): Promise<AccountRecord> {
    const account = await this.ensure(em, userId, card);
    if (account.name === card.name && account.archived === card.archived) return account;
    return this.accounts.update(em, userId, account.id, {
      name: card.name,
      archived: card.archived,
    });
  }

  /**
   * Creates the card's CREDIT_CARD account with the id cards chose (so cards knows it at
   * once), or returns it when it exists. Idempotent by id and by external id.
   */
  private async ensure(em: EntityManager, userId: string, card: CardData): Promise<AccountRecord> {
    const account = liabilityAccountOf(userId, card);
    if (await this.repo.insert(em, account)) {
      await recordEvents(em, [
        event('ledger.account.created', userId, { account: accountEventData(account) }),
      ]);
      return account;
    }
    const existing = await this.repo.byId(em, userId, account.id);
    if (!existing || existing.externalId !== account.externalId) {
      throw new Error(`the account for card ${card.id} collides with another account`);
    }
    return existing;
  }
}

function liabilityAccountOf(userId: string, card: CardData): AccountRecord {
  const now = new Date();
  return {
    id: card.liabilityAccountId,
    userId,
    type: AccountType.CREDIT_CARD,
    name: card.name,
    currency: card.currency,
    balance: 0n,
    initialBalance: 0n,
    allowNegative: true,
    archived: card.archived,
    color: null,
    icon: null,
    externalId: cardExternalId(card.id),
    createdAt: now,
    updatedAt: now,
  };
}
