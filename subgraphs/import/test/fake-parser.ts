import {
  StatementError,
  type ParsedRow,
  type ParseResult,
  type ParseStatement,
} from '../src/parsers/types';

/**
 * The parser port for the subgraph's tests: a JSON "statement" whose parse result the
 * test writes itself, so these tests depend on the job logic only, not on the parsers.
 */
export interface FakeRow {
  line?: number;
  date: string;
  /** Decimal text, signed: "-12.34". */
  amount: string;
  description: string;
  externalId?: string;
  installment?: { number: number; count: number };
}

export interface FakeStatement {
  fail?: { message: string; line?: number };
  crash?: boolean;
  accounts: { id: string; type?: 'BANK' | 'CREDIT_CARD'; currency?: string; rows: FakeRow[] }[];
  invalid?: { line: number; message: string }[];
}

const minor = (amount: string) => BigInt(amount.replace('.', ''));

export const fakeParse: ParseStatement = (bytes) => {
  const s = JSON.parse(bytes.toString('utf8')) as FakeStatement;
  if (s.fail) throw new StatementError(s.fail.message, s.fail.line);
  if (s.crash) throw new TypeError('parser bug');
  const result: ParseResult = {
    format: 'OFX',
    detected: { encoding: 'utf-8' },
    accounts: s.accounts.map((a) => ({
      id: a.id,
      type: a.type ?? 'BANK',
      currency: a.currency ?? 'BRL',
      rows: a.rows.map((r, i): ParsedRow => ({
        line: r.line ?? i + 1,
        date: r.date,
        amountMinor: minor(r.amount),
        currency: a.currency ?? 'BRL',
        kind: r.amount.startsWith('-') ? 'EXPENSE' : 'INCOME',
        description: r.description,
        ...(r.externalId ? { externalId: r.externalId } : {}),
        ...(r.installment ? { installment: r.installment } : {}),
      })),
    })),
    invalid: s.invalid ?? [],
  };
  return result;
};

export const statement = (s: FakeStatement) => Buffer.from(JSON.stringify(s));
