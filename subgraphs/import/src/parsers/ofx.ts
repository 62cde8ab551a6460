import { currencyExponent, parseAmount } from './amounts';
import { parseOfxDate } from './dates';
import { AGGREGATES, scanOfx } from './ofx-scanner';
import { DEFAULT_CURRENCY, isBalanceLine, makeRow, ResultBuilder } from './result';
import type { ParseResult, StatementAccountType, StatementFormat } from './types';
import { StatementError } from './types';

interface RawTransaction {
  line: number;
  fields: Record<string, string>;
}

interface RawStatement {
  type: StatementAccountType;
  line: number;
  currency?: string;
  account: Record<string, string>;
  ledger: Record<string, string>;
  transactions: RawTransaction[];
}

const INVESTMENT = new Set(['INVSTMTMSGSRSV1', 'INVSTMTTRNRS', 'INVSTMTRS']);

/** Follows the scanner's events and collects statements (bank and card), several per file. */
class OfxReader {
  readonly statements: RawStatement[] = [];
  readonly stack: string[] = [];
  /** For each open tag, the innermost known container (unknown ones, e.g. an unclosed empty leaf, are skipped). */
  private readonly contexts: (string | undefined)[] = [];
  statement: RawStatement | undefined;
  transaction: RawTransaction | undefined;
  investment = false;
  closedRoot = false;
  orphans: number[] = [];
  /** The last non-zero STATUS, for the message when the bank sent no statement. */
  status: { code: string; SEVERITY?: string; MESSAGE?: string } | undefined;

  open(name: string, line: number): void {
    if (INVESTMENT.has(name)) this.investment = true;
    if (name === 'STMTRS' || name === 'CCSTMTRS') {
      this.endStatement();
      const type = name === 'CCSTMTRS' ? 'CREDIT_CARD' : 'BANK';
      this.statement = { type, line, account: {}, ledger: {}, transactions: [] };
    } else if (name === 'STMTTRN') {
      this.endTransaction();
      this.transaction = { line, fields: {} };
    }
    this.stack.push(name);
    this.contexts.push(AGGREGATES.has(name) ? name : this.contexts[this.contexts.length - 1]);
  }

  close(name: string): void {
    const at = this.stack.lastIndexOf(name);
    if (at < 0) return; // the closing tag of a leaf
    while (this.stack.length > at) {
      const closed = this.stack.pop();
      this.contexts.pop();
      if (closed === 'STMTTRN') this.endTransaction();
      else if (closed === 'STMTRS' || closed === 'CCSTMTRS') this.endStatement();
      else if (closed === 'OFX') this.closedRoot = true;
    }
  }

  leaf(name: string, value: string): void {
    const context = this.contexts[this.contexts.length - 1];
    if (context === 'STATUS') {
      if (name === 'CODE' && value !== '0') this.status = { code: value };
      else if (this.status && (name === 'SEVERITY' || name === 'MESSAGE'))
        this.status[name] = value;
      return;
    }
    const statement = this.statement;
    const fields =
      context === 'STMTTRN'
        ? this.transaction?.fields
        : context === 'BANKACCTFROM' || context === 'CCACCTFROM'
          ? statement?.account
          : context === 'LEDGERBAL'
            ? statement?.ledger
            : undefined;
    if (context === 'PAYEE' && name === 'NAME' && this.transaction) {
      this.transaction.fields['PAYEE.NAME'] ??= value;
    } else if (fields) {
      fields[name] ??= value;
    } else if ((context === 'STMTRS' || context === 'CCSTMTRS') && name === 'CURDEF' && statement) {
      statement.currency = value;
    }
  }

  private endTransaction(): void {
    if (!this.transaction) return;
    if (this.statement) this.statement.transactions.push(this.transaction);
    else this.orphans.push(this.transaction.line);
    this.transaction = undefined;
  }

  endStatement(): void {
    this.endTransaction();
    if (this.statement) this.statements.push(this.statement);
    this.statement = undefined;
  }
}

export function parseOfx(
  text: string,
  format: StatementFormat,
  maxRows: number,
  maxLineBytes: number,
): ParseResult {
  const reader = new OfxReader();
  scanOfx(text, maxLineBytes, reader);
  if (reader.statement && !reader.closedRoot) {
    throw new StatementError(
      'The file ends inside a statement (truncated?)',
      reader.statement.line,
    );
  }
  reader.endStatement();
  const detected: Record<string, string> = {};
  if (!reader.statements.length) {
    if (reader.investment) {
      throw new StatementError(
        'This is an investment statement (INVSTMTMSGSRSV1): only bank and credit card statements can be imported',
      );
    }
    const status = reader.status;
    const said = status
      ? ` (the bank answered ${status.SEVERITY ?? 'status'} ${status.code}${status.MESSAGE ? `: ${status.MESSAGE}` : ''})`
      : '';
    throw new StatementError(
      `No bank or credit card statement (STMTRS/CCSTMTRS) found in the OFX file${said}`,
    );
  }
  if (reader.investment) detected.ignored = 'investment statement';
  const builder = new ResultBuilder(format, maxRows);
  for (const line of reader.orphans)
    builder.addInvalid(line, 'A transaction outside any statement');
  for (const statement of reader.statements) addStatement(builder, statement);
  return builder.result(detected);
}

function addStatement(builder: ResultBuilder, statement: RawStatement): void {
  const declared = statement.currency?.trim().toUpperCase() ?? '';
  const currency = /^[A-Z]{3}$/.test(declared) ? declared : DEFAULT_CURRENCY;
  const exponent = currencyExponent(currency);
  const account = builder.account(accountId(statement), statement.type, currency);
  const balance = statement.ledger.BALAMT
    ? parseAmount(statement.ledger.BALAMT, exponent)
    : undefined;
  if (balance !== undefined) {
    const date = parseOfxDate(statement.ledger.DTASOF);
    account.balance = date ? { amountMinor: balance, date } : { amountMinor: balance };
  }
  for (const { line, fields } of statement.transactions) {
    const rawDate = fields.DTPOSTED ?? fields.DTUSER;
    const date = parseOfxDate(rawDate);
    const amount = fields.TRNAMT ? parseAmount(fields.TRNAMT, exponent) : undefined;
    const name = fields.NAME || fields['PAYEE.NAME'];
    const description = fields.MEMO || name || '';
    if (!rawDate) builder.addInvalid(line, 'A transaction without a date (DTPOSTED)');
    else if (!date) builder.addInvalid(line, `Invalid date "${rawDate}" (DTPOSTED)`);
    else if (!fields.TRNAMT) builder.addInvalid(line, 'A transaction without an amount (TRNAMT)');
    else if (amount === undefined)
      builder.addInvalid(line, `Invalid amount "${fields.TRNAMT}" (TRNAMT)`);
    else if (isBalanceLine(description))
      builder.addInvalid(line, `A balance line ("${description}"), not a transaction`);
    else {
      const fitid = fields.FITID?.trim();
      builder.addRow(
        account,
        makeRow({
          line,
          date,
          amountMinor: amount,
          currency,
          description,
          payee: name && /\p{L}/u.test(name) ? name : undefined,
          externalId: fitid && !/^0+$/.test(fitid) ? fitid : undefined,
          bankType: fields.TRNTYPE,
        }),
      );
    }
  }
}

function accountId(statement: RawStatement): string {
  const a = statement.account;
  const parts = statement.type === 'BANK' ? [a.BANKID, a.BRANCHID, a.ACCTID] : [a.ACCTID];
  const id = parts
    .map((p) => p?.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('/');
  return id || 'unknown';
}
