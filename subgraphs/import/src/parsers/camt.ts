import { decodeXMLStrict } from 'entities';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { currencyExponent, parseAmount } from './amounts';
import { ymd } from './dates';
import { DEFAULT_CURRENCY, makeRow, ResultBuilder } from './result';
import { LineIndex } from './text';
import type { ParsedStatementAccount, ParseResult, StatementFormat } from './types';
import { StatementError } from './types';

// ISO 20022 CAMT.053 (statements) and CAMT.052 (account reports) through fast-xml-parser,
// with entity processing off: a DOCTYPE is refused before parsing, so nothing can expand.

type Node = Record<string, unknown>;

const ARRAYS = new Set(['Stmt', 'Rpt', 'Ntry', 'Bal', 'TxDtls', 'Ustrd']);
const META = XMLParser.getMetaDataSymbol() as unknown as string;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  captureMetaData: true,
  isArray: (name) => ARRAYS.has(name),
});

export function parseCamt(
  text: string,
  format: StatementFormat,
  maxRows: number,
  maxValue: number,
): ParseResult {
  const lines = new LineIndex(text);
  const doctype = /<!(?:DOCTYPE|ENTITY)/i.exec(text);
  if (doctype) {
    throw new StatementError(
      'The XML declares a DOCTYPE or ENTITY: refused (entity expansion is not allowed)',
      lines.lineOf(doctype.index),
    );
  }
  checkTextRuns(text, maxValue, lines);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new StatementError(`Malformed XML: ${valid.err.msg}`, valid.err.line);
  const doc = parser.parse(text) as Node;
  const root = obj(doc.Document);
  const container = format === 'CAMT053' ? obj(root?.BkToCstmrStmt) : obj(root?.BkToCstmrAcctRpt);
  const statements = list(format === 'CAMT053' ? container?.Stmt : container?.Rpt);
  if (!statements.length) {
    throw new StatementError(
      `No ${format === 'CAMT053' ? 'BkToCstmrStmt/Stmt' : 'BkToCstmrAcctRpt/Rpt'} in the file`,
    );
  }
  const builder = new ResultBuilder(format, maxRows);
  for (const statement of statements) addStatement(builder, statement, lines, format);
  return builder.result({});
}

function addStatement(
  builder: ResultBuilder,
  statement: Node,
  lines: LineIndex,
  format: StatementFormat,
): void {
  const acct = obj(statement.Acct);
  const id =
    str(path(acct, 'Id', 'IBAN')) ??
    str(path(acct, 'Id', 'Othr', 'Id')) ??
    str(statement.Id) ??
    'unknown';
  const entries = list(statement.Ntry);
  const firstCcy = entries.length ? str(path(entries[0], 'Amt', '@Ccy')) : undefined;
  const currency = (str(acct?.Ccy) ?? firstCcy ?? DEFAULT_CURRENCY).toUpperCase();
  const account = builder.account(id, 'BANK', currency);
  setBalance(account, list(statement.Bal), format);
  for (const entry of entries) {
    const line = lineOf(entry, lines);
    const ccy = (str(path(entry, 'Amt', '@Ccy')) ?? currency).toUpperCase();
    const rawAmount = str(path(entry, 'Amt', '#text')) ?? str(entry.Amt);
    const magnitude = rawAmount ? parseAmount(rawAmount, currencyExponent(ccy), '.') : undefined;
    const indicator = str(entry.CdtDbtInd);
    const date = isoDate(path(entry, 'ValDt')) ?? isoDate(path(entry, 'BookgDt'));
    const status = str(path(entry, 'Sts', 'Cd')) ?? str(entry.Sts);
    if (magnitude === undefined)
      builder.addInvalid(line, `Invalid or missing amount "${rawAmount ?? ''}" (Amt)`);
    else if (indicator !== 'CRDT' && indicator !== 'DBIT')
      builder.addInvalid(line, 'Missing CdtDbtInd (CRDT/DBIT)');
    else if (!date) builder.addInvalid(line, 'An entry without a value or booking date');
    else if (status && status !== 'BOOK')
      builder.addInvalid(line, `An entry with status ${status}, not booked`);
    else {
      const debit = indicator === 'DBIT';
      const details = list(path(entry, 'NtryDtls', 'TxDtls'));
      const remittance = details
        .flatMap((d) => list(path(d, 'RmtInf', 'Ustrd')).map(str))
        .filter(Boolean);
      const description =
        remittance.join(' ') || str(details[0]?.AddtlTxInf) || str(entry.AddtlNtryInf) || '';
      const party = debit ? 'Cdtr' : 'Dbtr';
      const payee =
        str(path(details[0], 'RltdPties', party, 'Nm')) ??
        str(path(details[0], 'RltdPties', party, 'Pty', 'Nm'));
      const externalId =
        str(entry.AcctSvcrRef) ??
        str(entry.NtryRef) ??
        str(path(details[0], 'Refs', 'AcctSvcrRef')) ??
        undefined;
      const bankType =
        str(path(entry, 'BkTxCd', 'Domn', 'Fmly', 'SubFmlyCd')) ??
        str(path(entry, 'BkTxCd', 'Prtry', 'Cd'));
      builder.addRow(
        account,
        makeRow({
          line,
          date,
          amountMinor: debit ? -magnitude : magnitude,
          currency: ccy,
          description,
          payee,
          externalId,
          bankType:
            str(entry.RvslInd) === 'true' ? `REVERSAL${bankType ? ` ${bankType}` : ''}` : bankType,
        }),
      );
    }
  }
}

function setBalance(
  account: ParsedStatementAccount,
  balances: Node[],
  format: StatementFormat,
): void {
  const wanted = format === 'CAMT053' ? ['CLBD'] : ['CLBD', 'ITBD', 'CLAV'];
  for (const code of wanted) {
    const bal = balances.find((b) => str(path(b, 'Tp', 'CdOrPrtry', 'Cd')) === code);
    if (!bal) continue;
    const raw = str(path(bal, 'Amt', '#text'));
    const amount = raw ? parseAmount(raw, currencyExponent(account.currency), '.') : undefined;
    if (amount === undefined) continue;
    const signed = str(bal.CdtDbtInd) === 'DBIT' ? -amount : amount;
    const date = isoDate(bal.Dt);
    account.balance = date ? { amountMinor: signed, date } : { amountMinor: signed };
    return;
  }
}

function checkTextRuns(text: string, max: number, lines: LineIndex): void {
  let prev = 0;
  let at = text.indexOf('<');
  while (at >= 0) {
    if (at - prev > max)
      throw new StatementError(`A value longer than ${max} bytes`, lines.lineOf(prev));
    prev = at;
    at = text.indexOf('<', at + 1);
  }
  if (text.length - prev > max)
    throw new StatementError(`A value longer than ${max} bytes`, lines.lineOf(prev));
}

function lineOf(node: Node, lines: LineIndex): number {
  const meta = (node as Record<string, { startIndex?: number } | undefined>)[META];
  return meta?.startIndex !== undefined ? lines.lineOf(meta.startIndex) : 1;
}

function isoDate(node: unknown): string | undefined {
  const value = str(path(node, 'Dt')) ?? str(path(node, 'DtTm'));
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  return m ? ymd(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function obj(value: unknown): Node | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
}

function list(value: unknown): Node[] {
  if (Array.isArray(value)) return (value as unknown[]).map((v) => obj(v) ?? { '#text': v });
  const o = obj(value);
  return o ? [o] : [];
}

function path(node: unknown, ...keys: string[]): unknown {
  let cur: unknown = node;
  for (const key of keys) cur = obj(cur)?.[key];
  return cur;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() ? decodeXMLStrict(value.trim()) : undefined;
  const text = obj(value)?.['#text'];
  return typeof text === 'string' && text.trim() ? decodeXMLStrict(text.trim()) : undefined;
}
