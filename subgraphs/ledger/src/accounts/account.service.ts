import {
  badInput,
  event,
  isUuid,
  newId,
  notFound,
  recordEvents,
  type EntityManager,
  type LocalDate,
  paginate,
  type ConnectionValue,
  type PageArgs,
  type PendingEvent,
} from '@saldo/kit';
import { balanceEvents } from '../book/balances';
import { invalidState } from '@saldo/kit';
import { insufficientFunds } from '../common/errors';
import { amountOf, currencyCode, optionalKey, optionalText, requiredText } from '../common/input';
import { pgError } from '@saldo/kit';
import { accountEventData, type AccountRecord, type AccountType } from './account.model';
import type { AccountRepository, BalanceAtKey } from './account.repository';

export interface NewAccount {
  name: string;
  type: AccountType;
  currency: string;
  initialBalance?: string | null;
  allowNegative?: boolean | null;
  color?: string | null;
  icon?: string | null;
  externalId?: string | null;
}

/** undefined keeps a field; null clears color and icon. */
export interface AccountPatch {
  name?: string | null;
  initialBalance?: string | null;
  allowNegative?: boolean | null;
  archived?: boolean | null;
  color?: string | null;
  icon?: string | null;
}

function initialBalanceEvents(a: AccountRecord, delta: bigint): PendingEvent[] {
  if (delta === 0n) return [];
  const applied = [
    { accountId: a.id, balance: a.balance, delta, currency: a.currency, real: true },
  ];
  return balanceEvents(a.userId, applied, () => null);
}

/** The CHECK on balances also guards a change of initial balance or of allowNegative. */
function overdraftError(error: unknown, a: AccountRecord, field: string): unknown {
  const { code, constraint } = pgError(error);
  if (code !== '23514' || constraint !== 'accounts_overdraft') return error;
  return field === 'allowNegative'
    ? invalidState('The balance is negative: it cannot forbid negative balances now', { field })
    : insufficientFunds(a.id);
}

function cursorId(value: unknown): string {
  if (typeof value !== 'string' || !isUuid(value))
    throw badInput('Invalid cursor', { field: 'after' });
  return value;
}

/** One account's balance asked for at the end of one day (Account.balanceAt). */
export interface BalanceAtQuery {
  account: AccountRecord;
  date: LocalDate;
}

export class AccountService {
  constructor(private readonly repo: AccountRepository) {}

  async get(em: EntityManager, userId: string, id: string): Promise<AccountRecord> {
    const account = isUuid(id) ? await this.repo.byId(em, userId, id) : null;
    if (!account) throw notFound('Account', id);
    return account;
  }

  byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<AccountRecord[]> {
    return this.repo.byIds(em, userId, ids.filter(isUuid));
  }

  list(em: EntityManager, userId: string, includeArchived: boolean): Promise<AccountRecord[]> {
    return this.repo.list(em, userId, includeArchived);
  }

  /** Operators: every user's real accounts, a page at a time in id order (e.g. for verify). */
  everyUsers(em: EntityManager, page: PageArgs): Promise<ConnectionValue<AccountRecord>> {
    return paginate(
      page,
      'accounts:id',
      (a: AccountRecord) => [a.id],
      ({ after, limit }) => this.repo.everyUsersAfter(em, after ? cursorId(after[0]) : null, limit),
    );
  }

  async create(em: EntityManager, userId: string, input: NewAccount): Promise<AccountRecord> {
    return em.transactional(async (tx) => {
      const { account } = await this.createInTransaction(tx, userId, input);
      return account;
    });
  }

  /**
   * Creates the account unless one with the same external id exists (then returns it):
   * what an event handler calls, e.g. for the liability account of a new card.
   */
  async createInTransaction(
    em: EntityManager,
    userId: string,
    input: NewAccount,
  ): Promise<{ account: AccountRecord; created: boolean }> {
    const account = this.recordOf(userId, input);
    let created: boolean;
    try {
      created = await this.repo.insert(em, account);
    } catch (error) {
      throw overdraftError(error, account, 'initialBalance');
    }
    if (!created) {
      const existing = account.externalId
        ? await this.repo.byExternalId(em, userId, account.externalId)
        : null;
      if (!existing) throw new Error('account insert skipped without a colliding external id');
      return { account: existing, created: false };
    }
    await recordEvents(em, [
      event('ledger.account.created', userId, { account: accountEventData(account) }),
      ...initialBalanceEvents(account, account.initialBalance),
    ]);
    return { account, created: true };
  }

  private recordOf(userId: string, input: NewAccount): AccountRecord {
    const currency = currencyCode(input.currency);
    const initial = amountOf(input.initialBalance ?? '0', currency, 'initialBalance');
    const allowNegative = input.allowNegative ?? true;
    if (!allowNegative && initial < 0n) {
      throw badInput('A negative initial balance needs allowNegative', { field: 'initialBalance' });
    }
    const now = new Date();
    return {
      id: newId(),
      userId,
      type: input.type,
      name: requiredText(input.name, 'name'),
      currency,
      balance: initial,
      initialBalance: initial,
      allowNegative,
      archived: false,
      color: optionalText(input.color, 'color', 32),
      icon: optionalText(input.icon, 'icon', 64),
      externalId: optionalKey(input.externalId, 'externalId'),
      createdAt: now,
      updatedAt: now,
    };
  }

  async update(
    em: EntityManager,
    userId: string,
    id: string,
    patch: AccountPatch,
  ): Promise<AccountRecord> {
    return em.transactional(async (tx) => {
      const before = isUuid(id) ? await this.repo.byId(tx, userId, id, true) : null;
      if (!before) throw notFound('Account', id);
      const initial =
        patch.initialBalance === undefined || patch.initialBalance === null
          ? before.initialBalance
          : amountOf(patch.initialBalance, before.currency, 'initialBalance');
      const delta = initial - before.initialBalance;
      const changed: AccountRecord = {
        ...before,
        name:
          patch.name === undefined || patch.name === null
            ? before.name
            : requiredText(patch.name, 'name'),
        balance: before.balance + delta,
        initialBalance: initial,
        allowNegative: patch.allowNegative ?? before.allowNegative,
        archived: patch.archived ?? before.archived,
        color: patch.color === undefined ? before.color : optionalText(patch.color, 'color', 32),
        icon: patch.icon === undefined ? before.icon : optionalText(patch.icon, 'icon', 64),
      };
      let after: AccountRecord;
      try {
        after = await this.repo.save(tx, changed);
      } catch (error) {
        throw overdraftError(error, before, delta === 0n ? 'allowNegative' : 'initialBalance');
      }
      await recordEvents(tx, [
        event('ledger.account.updated', userId, { account: accountEventData(after) }),
        ...initialBalanceEvents(after, delta),
      ]);
      return after;
    });
  }

  archive(em: EntityManager, userId: string, id: string): Promise<AccountRecord> {
    return this.update(em, userId, id, { archived: true });
  }

  /** The currency of the user's oldest open account: the default for budgets and summaries. */
  primaryCurrency(em: EntityManager, userId: string): Promise<string> {
    return this.repo.primaryCurrency(em, userId);
  }

  /**
   * Each account's balance at the end of its date, recomputed from the postings (history
   * included): initialBalance + the postings dated on or before it. In the order of `queries`.
   */
  async balancesAt(em: EntityManager, queries: readonly BalanceAtQuery[]): Promise<bigint[]> {
    const keys: BalanceAtKey[] = queries.map((q) => ({ accountId: q.account.id, date: q.date }));
    const totals = await this.repo.postingTotalsAt(em, keys);
    return queries.map((q, i) => q.account.initialBalance + totals[i]!);
  }
}
