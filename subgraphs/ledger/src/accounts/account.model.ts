import { toMoney } from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { toDate } from '@saldo/kit';

export enum AccountType {
  CHECKING = 'CHECKING',
  SAVINGS = 'SAVINGS',
  CASH = 'CASH',
  INVESTMENT = 'INVESTMENT',
  WALLET = 'WALLET',
  CREDIT_CARD = 'CREDIT_CARD',
  LOAN = 'LOAN',
  OTHER_ASSET = 'OTHER_ASSET',
  OTHER_LIABILITY = 'OTHER_LIABILITY',
}

/** Accounting class: the user's accounts are ASSET or LIABILITY; the rest are nominal. */
export type AccountClass = 'ASSET' | 'LIABILITY' | 'INCOME' | 'EXPENSE' | 'EQUITY';

const LIABILITIES: ReadonlySet<AccountType> = new Set([
  AccountType.CREDIT_CARD,
  AccountType.LOAN,
  AccountType.OTHER_LIABILITY,
]);

export function classOf(type: AccountType): AccountClass {
  return LIABILITIES.has(type) ? 'LIABILITY' : 'ASSET';
}

/** A user's (real) account. Balances are signed: a card owing R$ 100 has balance -100.00. */
export interface AccountRecord {
  id: string;
  userId: string;
  type: AccountType;
  name: string;
  currency: string;
  balance: bigint;
  initialBalance: bigint;
  allowNegative: boolean;
  archived: boolean;
  color: string | null;
  icon: string | null;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const ACCOUNT_COLUMNS = `id, user_id, type, name, currency, balance, initial_balance,
  allow_negative, archived, color, icon, external_id, created_at, updated_at`;

/** Real accounts only: nominal ones never leave the ledger. */
export const REAL_ACCOUNT = `class in ('ASSET', 'LIABILITY')`;

export interface AccountRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  type: AccountType;
  name: string;
  currency: string;
  balance: string;
  initial_balance: string;
  allow_negative: boolean;
  archived: boolean;
  color: string | null;
  icon: string | null;
  external_id: string | null;
  created_at: string;
  updated_at: string;
}

export function toAccountRecord(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    userId: row.user_id,
    type: row.type,
    name: row.name,
    currency: row.currency,
    balance: BigInt(row.balance),
    initialBalance: BigInt(row.initial_balance),
    allowNegative: row.allow_negative,
    archived: row.archived,
    color: row.color,
    icon: row.icon,
    externalId: row.external_id,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export type AccountEventData = EventData<'ledger.account.created'>['account'];

export function accountEventData(account: AccountRecord): AccountEventData {
  return {
    id: account.id,
    userId: account.userId,
    name: account.name,
    type: account.type,
    currency: account.currency,
    initialBalance: toMoney(account.initialBalance, account.currency),
    allowNegative: account.allowNegative,
    archived: account.archived,
    externalId: account.externalId,
  };
}
