/**
 * The contract between the statement parsers (pure: bytes in, rows out, no I/O) and the
 * import subgraph (jobs, duplicates, confirm). Parsers never touch the database.
 */

export const STATEMENT_FORMATS = [
  'OFX',
  'QFX',
  'QIF',
  'CSV',
  'XLSX',
  'CAMT053',
  'CAMT052',
] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

/** Which column (header name or 0-based index) holds each field of a CSV/XLSX row. */
export interface CsvMapping {
  date: string | number;
  description: string | number;
  /** One signed amount column, or `debit`/`credit` pairs (both positive numbers). */
  amount?: string | number;
  debit?: string | number;
  credit?: string | number;
  payee?: string | number;
  externalId?: string | number;
  /** A column whose value says debit vs credit (e.g. `D`/`C`), when amounts are unsigned. */
  direction?: string | number;
}

export interface CsvOptions {
  /** A named bank preset (e.g. `nubank`, `inter`, `itau`, `nubank-card`). */
  preset?: string;
  mapping?: CsvMapping;
  /** `dd/MM/yyyy`, `yyyy-MM-dd`, `MM/dd/yyyy`, `dd.MM.yyyy`, ... */
  dateFormat?: string;
  decimalSeparator?: '.' | ',';
  /** `utf-8`, `windows-1252`, `iso-8859-1`, ... */
  encoding?: string;
  delimiter?: string;
  skipRows?: number;
}

export interface ParseOptions {
  /** Detected from the content when omitted. */
  format?: StatementFormat;
  csv?: CsvOptions;
  /** Caps for untrusted input; a file over a cap fails with a clear message. */
  maxRows?: number;
  maxLineBytes?: number;
}

export type RowKind = 'INCOME' | 'EXPENSE';

export interface ParsedRow {
  /** 1-based line (or row) in the file where the transaction starts. */
  line: number;
  /** Value date, `YYYY-MM-DD`. */
  date: string;
  /** Signed, in minor units: negative leaves the account (expense / card purchase). */
  amountMinor: bigint;
  currency: string;
  kind: RowKind;
  description: string;
  payee?: string;
  /** The bank's own id (OFX FITID, CSV id column, CAMT AcctSvcrRef/NtryRef). */
  externalId?: string;
  /** From `Parcela 3/10`, `PARC 03/10`, `3/12` suffixes. */
  installment?: { number: number; count: number };
  /** OFX TRNTYPE or similar, as given (e.g. `DEBIT`, `PAYMENT`), when the file says one. */
  bankType?: string;
}

export type StatementAccountType = 'BANK' | 'CREDIT_CARD';

export interface ParsedStatementAccount {
  /** Stable id within the file: e.g. `BANKID/BRANCHID/ACCTID` for OFX, IBAN for CAMT. */
  id: string;
  type: StatementAccountType;
  currency: string;
  rows: ParsedRow[];
  /** Closing/ledger balance when the file gives one. */
  balance?: { amountMinor: bigint; date?: string };
}

export interface ParseIssue {
  line?: number;
  message: string;
}

export interface ParseResult {
  format: StatementFormat;
  /** What was detected or used: encoding, delimiter, dateFormat, decimalSeparator, preset. */
  detected: Record<string, string>;
  accounts: ParsedStatementAccount[];
  /** Rows that could not be read (the rest still parse); shown as `invalid` in totals. */
  invalid: ParseIssue[];
}

/** A file that cannot be imported at all (binary, empty, bomb, investment statement, ...). */
export class StatementError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'StatementError';
  }
}

/** The parsers' entry point (implemented in ./index.ts). */
export type ParseStatement = (bytes: Buffer, options?: ParseOptions) => ParseResult;
