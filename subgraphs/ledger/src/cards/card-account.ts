import { event, recordEvents, type EntityManager } from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { accountEventData, AccountType, type AccountRecord } from '../accounts/account.model';
import { accountRepository } from '../accounts/account.repository';
import { accountService } from '../accounts/account.service';

export type CardData = EventData<'cards.card.created'>['card'];

/** The liability account's external id: links it back to its card. */
export const cardExternalId = (cardId: string) => `card:${cardId}`;

/**
 * Creates the card's CREDIT_CARD account with the id cards chose (so cards knows it at
 * once), or returns it when it exists. Idempotent by id and by external id.
 */
async function ensureAccount(
  em: EntityManager,
  userId: string,
  card: CardData,
): Promise<AccountRecord> {
  const now = new Date();
  const account: AccountRecord = {
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
  if (await accountRepository.insert(em, account)) {
    await recordEvents(em, [
      event('ledger.account.created', userId, { account: accountEventData(account) }),
    ]);
    return account;
  }
  const existing = await accountRepository.byId(em, userId, account.id);
  if (!existing || existing.externalId !== account.externalId) {
    throw new Error(`the account for card ${card.id} collides with another account`);
  }
  return existing;
}

/** Brings the card's account in line with the card: created, renamed, archived. */
export async function syncCardAccount(
  em: EntityManager,
  userId: string,
  card: CardData,
): Promise<AccountRecord> {
  const account = await ensureAccount(em, userId, card);
  if (account.name === card.name && account.archived === card.archived) return account;
  return accountService.update(em, userId, account.id, {
    name: card.name,
    archived: card.archived,
  });
}
