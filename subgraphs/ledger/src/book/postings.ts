import { EntryKind, type PostingLine } from '../entries/entry.model';

export type NominalClass = 'INCOME' | 'EXPENSE' | 'EQUITY';

/**
 * A nominal account: income or expense per category (null = uncategorised) and
 * currency, or the currency-exchange (EQUITY) account of a currency.
 */
export interface NominalKey {
  class: NominalClass;
  currency: string;
  categoryId: string | null;
}

export function nominalKeyString(key: NominalKey): string {
  return `${key.class}:${key.currency}:${key.categoryId ?? ''}`;
}

/** The money movement of an entry, validated: amounts positive, in the accounts' currencies. */
export interface Movement {
  kind: EntryKind;
  accountId: string;
  currency: string;
  amount: bigint;
  toAccountId: string | null;
  toCurrency: string | null;
  toAmount: bigint | null;
  categoryId: string | null;
}

/** The nominal accounts a movement posts against. */
export function requiredNominals(m: Movement): NominalKey[] {
  switch (m.kind) {
    case EntryKind.INCOME:
      return [{ class: 'INCOME', currency: m.currency, categoryId: m.categoryId }];
    case EntryKind.EXPENSE:
      return [{ class: 'EXPENSE', currency: m.currency, categoryId: m.categoryId }];
    case EntryKind.TRANSFER:
      if (m.toCurrency === null || m.toCurrency === m.currency) return [];
      return [
        { class: 'EQUITY', currency: m.currency, categoryId: null },
        { class: 'EQUITY', currency: m.toCurrency, categoryId: null },
      ];
  }
}

/**
 * Double entry: income credits the category's income account and debits the account;
 * expense the reverse; a transfer moves between two accounts, and across currencies it
 * passes through each currency's exchange account so every currency sums to zero.
 */
export function buildPostings(m: Movement, nominal: (key: NominalKey) => string): PostingLine[] {
  const line = (accountId: string, amount: bigint, currency: string): PostingLine => ({
    accountId,
    amount,
    currency,
  });
  const [first] = requiredNominals(m);
  switch (m.kind) {
    case EntryKind.INCOME:
      return [
        line(m.accountId, m.amount, m.currency),
        line(nominal(first!), -m.amount, m.currency),
      ];
    case EntryKind.EXPENSE:
      return [
        line(m.accountId, -m.amount, m.currency),
        line(nominal(first!), m.amount, m.currency),
      ];
    case EntryKind.TRANSFER:
      return transferPostings(m, nominal);
  }
}

function transferPostings(m: Movement, nominal: (key: NominalKey) => string): PostingLine[] {
  if (m.toAccountId === null || m.toAmount === null || m.toCurrency === null) {
    throw new Error('transfer without destination');
  }
  const lines: PostingLine[] = [
    { accountId: m.accountId, amount: -m.amount, currency: m.currency },
  ];
  if (m.toCurrency !== m.currency) {
    const [from, to] = requiredNominals(m);
    lines.push(
      { accountId: nominal(from!), amount: m.amount, currency: m.currency },
      { accountId: nominal(to!), amount: -m.toAmount, currency: m.toCurrency },
    );
  }
  lines.push({ accountId: m.toAccountId, amount: m.toAmount, currency: m.toCurrency });
  assertBalanced(lines);
  return lines;
}

/** Throws unless the lines sum to zero in every currency (the database checks again). */
export function assertBalanced(lines: readonly PostingLine[]): void {
  const sums = new Map<string, bigint>();
  for (const l of lines) sums.set(l.currency, (sums.get(l.currency) ?? 0n) + l.amount);
  for (const [currency, sum] of sums) {
    if (sum !== 0n) throw new Error(`postings do not balance in ${currency}: ${sum}`);
  }
}

export function reverse(lines: readonly PostingLine[]): PostingLine[] {
  return lines.map((l) => ({ ...l, amount: -l.amount }));
}

/** Net change per account, zeros dropped. */
export function netByAccount(lines: readonly PostingLine[]): Map<string, bigint> {
  const net = new Map<string, bigint>();
  for (const l of lines) net.set(l.accountId, (net.get(l.accountId) ?? 0n) + l.amount);
  for (const [id, delta] of net) if (delta === 0n) net.delete(id);
  return net;
}

/** Adds `more` into `into` (same account sums), dropping zeros. */
export function mergeDeltas(into: Map<string, bigint>, more: Map<string, bigint>): void {
  for (const [id, delta] of more) {
    const sum = (into.get(id) ?? 0n) + delta;
    if (sum === 0n) into.delete(id);
    else into.set(id, sum);
  }
}
