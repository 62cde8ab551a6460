import { detectInstallment } from './installment';
import type {
  ParsedRow,
  ParsedStatementAccount,
  ParseIssue,
  ParseResult,
  StatementAccountType,
  StatementFormat,
} from './types';
import { StatementError } from './types';

export const DEFAULT_MAX_ROWS = 2_000_000;
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
/** When a file names no currency (CSV, QIF, an empty CURDEF). */
export const DEFAULT_CURRENCY = 'BRL';

export interface RowInput {
  line: number;
  date: string;
  amountMinor: bigint;
  currency: string;
  description: string;
  payee?: string | undefined;
  externalId?: string | undefined;
  bankType?: string | undefined;
}

export function makeRow(input: RowInput): ParsedRow {
  const row: ParsedRow = {
    line: input.line,
    date: input.date,
    amountMinor: input.amountMinor,
    currency: input.currency,
    kind: input.amountMinor < 0n ? 'EXPENSE' : 'INCOME',
    description: input.description,
  };
  if (input.payee) row.payee = input.payee;
  if (input.externalId) row.externalId = input.externalId;
  const installment = detectInstallment(input.description);
  if (installment) row.installment = installment;
  if (input.bankType) row.bankType = input.bankType;
  return row;
}

/** Collects accounts, rows and invalid lines, enforcing the row cap as it goes. */
export class ResultBuilder {
  private readonly accounts = new Map<string, ParsedStatementAccount>();
  private readonly invalid: ParseIssue[] = [];
  private count = 0;

  constructor(
    private readonly format: StatementFormat,
    private readonly maxRows: number,
  ) {}

  account(id: string, type: StatementAccountType, currency: string): ParsedStatementAccount {
    const key = `${type}:${id}`;
    let account = this.accounts.get(key);
    if (!account) {
      account = { id, type, currency, rows: [] };
      this.accounts.set(key, account);
    }
    return account;
  }

  addRow(account: ParsedStatementAccount, row: ParsedRow): void {
    this.bump(row.line);
    account.rows.push(row);
  }

  addInvalid(line: number | undefined, message: string): void {
    this.bump(line);
    this.invalid.push(line === undefined ? { message } : { line, message });
  }

  private bump(line: number | undefined): void {
    if (++this.count > this.maxRows) {
      throw new StatementError(
        `The file has more than ${this.maxRows} rows, the most one import takes; split it`,
        line,
      );
    }
  }

  result(detected: Record<string, string>): ParseResult {
    return {
      format: this.format,
      detected,
      accounts: [...this.accounts.values()],
      invalid: this.invalid,
    };
  }
}

/** Balance lines some banks list as transactions (`SALDO DIA`, `SALDO ANTERIOR`, `S A L D O`). */
export function isBalanceLine(description: string): boolean {
  return /^\s*(?:saldo(?: do)?(?: dia| anterior| final| atual| inicial)?|s a l d o)\s*$/i.test(
    description,
  );
}
