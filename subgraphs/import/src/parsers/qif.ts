import { currencyExponent, detectDecimal, parseAmount } from './amounts';
import { detectDateFormat, parseDateAs } from './dates';
import { DEFAULT_CURRENCY, isBalanceLine, makeRow, ResultBuilder } from './result';
import type { ParseResult, StatementAccountType } from './types';
import { StatementError } from './types';

// QIF (Quicken Interchange Format): `!Type:Bank` / `!Type:CCard` sections of records, one
// field per line keyed by its first letter (D date, T/U amount, P payee, M memo, N number),
// each record ending with `^`. `!Account` blocks name the account the next section is for.

interface QifRecord {
  line: number;
  fields: Map<string, string>;
}

interface QifSection {
  account: string;
  type: StatementAccountType;
  records: QifRecord[];
}

const BANK_TYPES = new Set(['bank', 'cash', 'oth a', 'oth l']);
const CARD_TYPES = new Set(['ccard']);
const UNSUPPORTED = /^(?:invst|port|memorized|cat|class|prices|security)/i;

export function parseQif(text: string, maxRows: number): ParseResult {
  const sections = readSections(text);
  if (!sections.length)
    throw new StatementError('No !Type:Bank or !Type:CCard section in the QIF file');
  const dates = sections.flatMap((s) =>
    s.records.slice(0, 200).map((r) => r.fields.get('D') ?? ''),
  );
  const dateFormat = detectDateFormat(dates.map(normaliseQifDate));
  if (!dateFormat && dates.some(Boolean)) {
    throw new StatementError(
      `Could not tell the QIF date format (values like "${dates.slice(0, 3).join('", "')}")`,
    );
  }
  const amounts = sections.flatMap((s) =>
    s.records.slice(0, 200).map((r) => r.fields.get('T') ?? r.fields.get('U') ?? ''),
  );
  const decimal = detectDecimal(amounts);
  const detected: Record<string, string> = { decimalSeparator: decimal };
  if (dateFormat) detected.dateFormat = dateFormat.name;
  const builder = new ResultBuilder('QIF', maxRows);
  const exponent = currencyExponent(DEFAULT_CURRENCY);
  for (const section of sections) {
    const account = builder.account(section.account, section.type, DEFAULT_CURRENCY);
    for (const { line, fields } of section.records) {
      const rawDate = fields.get('D');
      const rawAmount = fields.get('T') ?? fields.get('U');
      const date =
        rawDate && dateFormat ? parseDateAs(dateFormat, normaliseQifDate(rawDate)) : undefined;
      const amount = rawAmount ? parseAmount(rawAmount, exponent, decimal) : undefined;
      const payee = fields.get('P');
      const description = fields.get('M') || payee || '';
      if (!rawDate) builder.addInvalid(line, 'A record without a date (D)');
      else if (!date) builder.addInvalid(line, `Invalid date "${rawDate}"`);
      else if (amount === undefined)
        builder.addInvalid(line, `Invalid or missing amount "${rawAmount ?? ''}" (T)`);
      else if (isBalanceLine(description))
        builder.addInvalid(line, `A balance line ("${description}"), not a transaction`);
      else {
        const number = fields.get('N');
        builder.addRow(
          account,
          makeRow({
            line,
            date,
            amountMinor: amount,
            currency: DEFAULT_CURRENCY,
            description,
            payee,
            bankType: number,
          }),
        );
      }
    }
  }
  return builder.result(detected);
}

/** `1/ 2'24` and `01.02.2024` styles to something the date formats read. */
function normaliseQifDate(raw: string): string {
  const s = raw.trim().replace(/\s+/g, '').replace(/'/g, '/');
  return s.replace(
    /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/,
    (_m, a: string, b: string, y: string) => `${a}/${b}/${y}`,
  );
}

function readSections(text: string): QifSection[] {
  const sections: QifSection[] = [];
  let section: QifSection | undefined;
  let record: QifRecord | undefined;
  let accountName = 'qif';
  let inAccountBlock = false;
  let skipping = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line.trim()) continue;
    if (line.startsWith('!')) {
      const header = line.slice(1).trim();
      if (/^account/i.test(header)) {
        inAccountBlock = true;
        skipping = false;
        continue;
      }
      if (/^option|^clear/i.test(header)) continue;
      const type = /^type\s*:\s*(.*)$/i.exec(header)?.[1]?.trim().toLowerCase() ?? '';
      if (UNSUPPORTED.test(type)) {
        if (/^invst/.test(type)) {
          throw new StatementError(
            'An investment QIF (!Type:Invst): only bank and card accounts can be imported',
            i + 1,
          );
        }
        skipping = true;
        continue;
      }
      if (!BANK_TYPES.has(type) && !CARD_TYPES.has(type)) {
        throw new StatementError(`Unknown QIF section "${line.trim()}"`, i + 1);
      }
      skipping = false;
      section = {
        account: accountName,
        type: CARD_TYPES.has(type) ? 'CREDIT_CARD' : 'BANK',
        records: [],
      };
      sections.push(section);
      continue;
    }
    if (inAccountBlock) {
      if (line.startsWith('N')) accountName = line.slice(1).trim() || accountName;
      if (line.startsWith('^')) inAccountBlock = false;
      continue;
    }
    if (skipping) continue;
    if (!section) throw new StatementError('QIF data before any !Type header', i + 1);
    if (line.startsWith('^')) {
      if (record) section.records.push(record);
      record = undefined;
      continue;
    }
    record ??= { line: i + 1, fields: new Map() };
    const key = line[0]!.toUpperCase();
    // Split lines (S/E/$) belong to the parent transaction; we keep only its own fields.
    if (!record.fields.has(key)) record.fields.set(key, line.slice(1).trim());
  }
  if (record && section) section.records.push(record);
  return sections;
}
