import { currencyExponent, detectDecimal, parseAmount, type DecimalSeparator } from './amounts';
import {
  normaliseHeader,
  PRESETS,
  presetNames,
  type ColumnSynonyms,
  type Preset,
} from './csv-presets';
import { DATE_FORMATS, detectDateFormat, findDateFormat, parseDateAs } from './dates';
import { DEFAULT_CURRENCY, isBalanceLine, makeRow, ResultBuilder } from './result';
import type { CsvMapping, CsvOptions, ParseResult, ParsedStatementAccount } from './types';
import { StatementError } from './types';

// The part CSV and XLSX share: a grid of text cells with line numbers -> rows.

export interface TableRecord {
  cells: string[];
  line: number;
}

interface ColumnMap {
  date: number;
  description: number[];
  amount?: number | undefined;
  debit?: number | undefined;
  credit?: number | undefined;
  externalId?: number | undefined;
  payee?: number | undefined;
  direction?: number | undefined;
  currency?: number | undefined;
  account?: number | undefined;
}

const HEADER_SEARCH = 50;
// XLSX date cells arrive as ISO dates beside text dates in the bank's own format.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO = findDateFormat('yyyy-MM-dd')!;
const SAMPLE = 500;

export function presetOf(options: CsvOptions): Preset {
  if (!options.preset) return PRESETS.generic!;
  const preset = PRESETS[options.preset.toLowerCase()];
  if (!preset)
    throw new StatementError(`Unknown CSV preset "${options.preset}" (known: ${presetNames()})`);
  return preset;
}

export function parseTable(
  records: TableRecord[],
  options: CsvOptions,
  format: 'CSV' | 'XLSX',
  maxRows: number,
  detected: Record<string, string>,
): ParseResult {
  const preset = presetOf(options);
  detected.preset = preset.name;
  const { map, headerAt } = findColumns(records, options.mapping, preset);
  detected.header = headerAt < 0 ? 'none' : `line ${records[headerAt]!.line}`;
  const data = records.slice(headerAt + 1).filter((r) => r.cells.some((c) => c.trim()));
  const cell = (r: TableRecord, i: number | undefined) =>
    i === undefined ? '' : (r.cells[i] ?? '').trim();

  const amountSamples = sample(data, (r) => [
    cell(r, map.amount),
    cell(r, map.debit),
    cell(r, map.credit),
  ]);
  const decimal: DecimalSeparator =
    options.decimalSeparator ??
    preset.decimal ??
    detectDecimal(amountSamples, detected.delimiter === ';' ? ',' : '.');
  detected.decimalSeparator = decimal;
  const dateSamples = sample(data, (r) => [cell(r, map.date)]);
  const textDates = dateSamples.filter((d) => !ISO_DATE.test(d));
  const dateFormat = chooseDateFormat(
    options,
    preset,
    textDates.length ? textDates : dateSamples,
    records[headerAt],
  );
  detected.dateFormat = dateFormat.name;
  const direction =
    map.direction !== undefined && directionColumnUsable(data, map.direction)
      ? map.direction
      : undefined;

  const builder = new ResultBuilder(format, maxRows);
  const accounts = new Map<string, ParsedStatementAccount>();
  for (const record of data) {
    const rawDate = cell(record, map.date);
    const rawAmounts = [map.amount, map.debit, map.credit].map((i) => cell(record, i));
    if (!rawDate && rawAmounts.every((a) => !a)) continue; // a note or subtotal line, not a transaction
    const currency = currencyOf(cell(record, map.currency));
    let amount = amountOf(map, rawAmounts, currencyExponent(currency), decimal);
    const date =
      parseDateAs(dateFormat, rawDate) ??
      (ISO_DATE.test(rawDate) ? parseDateAs(ISO, rawDate) : undefined);
    const payee = cell(record, map.payee) || undefined;
    const description =
      map.description
        .map((i) => cell(record, i))
        .filter(Boolean)
        .join(' - ') ||
      payee ||
      '';
    if (!rawDate) builder.addInvalid(record.line, 'A row without a date');
    else if (!date)
      builder.addInvalid(record.line, `Invalid date "${rawDate}" (expected ${dateFormat.name})`);
    else if (amount === undefined) {
      builder.addInvalid(
        record.line,
        `Invalid or missing amount "${rawAmounts.filter(Boolean).join(' / ')}"`,
      );
    } else if (isBalanceLine(description)) {
      builder.addInvalid(record.line, `A balance line ("${description}"), not a transaction`);
    } else {
      if (direction !== undefined) amount = applyDirection(amount, cell(record, direction));
      if (preset.invertSign) amount = -amount;
      const accountName = cell(record, map.account) || preset.name;
      const key = `${accountName}\u0000${currency}`;
      let account = accounts.get(key);
      if (!account) {
        const taken = [...accounts.keys()].some((k) => k.startsWith(`${accountName}\u0000`));
        account = builder.account(
          taken ? `${accountName} ${currency}` : accountName,
          preset.accountType,
          currency,
        );
        accounts.set(key, account);
      }
      const externalId = cell(record, map.externalId) || undefined;
      const row = makeRow({
        line: record.line,
        date,
        amountMinor: amount,
        currency,
        description,
        payee,
        externalId,
      });
      builder.addRow(account, row);
    }
  }
  if (!data.length) builder.account(preset.name, preset.accountType, DEFAULT_CURRENCY);
  return builder.result(detected);
}

function sample(data: TableRecord[], pick: (r: TableRecord) => string[]): string[] {
  const out: string[] = [];
  for (const r of data) {
    for (const v of pick(r)) if (v) out.push(v);
    if (out.length >= SAMPLE) break;
  }
  return out;
}

function currencyOf(raw: string): string {
  const upper = raw.toUpperCase();
  return /^[A-Z]{3}$/.test(upper) ? upper : DEFAULT_CURRENCY;
}

function amountOf(
  map: ColumnMap,
  [amount, debit, credit]: string[],
  exponent: number,
  decimal: DecimalSeparator,
): bigint | undefined {
  if (map.amount !== undefined) return amount ? parseAmount(amount, exponent, decimal) : undefined;
  if (!debit && !credit) return undefined;
  const d = debit ? parseAmount(debit, exponent, decimal) : 0n;
  const c = credit ? parseAmount(credit, exponent, decimal) : 0n;
  if (d === undefined || c === undefined) return undefined;
  return abs(c) - abs(d);
}

const abs = (v: bigint) => (v < 0n ? -v : v);

const DEBIT = /^(?:d|db|deb|debit|debito|saida|dr|-)$/;
const CREDIT = /^(?:c|cr|cred|credit|credito|entrada|\+)$/;

function directionOf(raw: string): 'D' | 'C' | undefined {
  const v = normaliseHeader(raw) || raw.trim();
  if (DEBIT.test(v)) return 'D';
  if (CREDIT.test(v)) return 'C';
  return undefined;
}

function directionColumnUsable(data: TableRecord[], column: number): boolean {
  const values = data.slice(0, SAMPLE).map((r) => r.cells[column] ?? '');
  return values.length > 0 && values.filter((v) => directionOf(v)).length * 5 >= values.length * 4;
}

function applyDirection(amount: bigint, raw: string): bigint {
  const d = directionOf(raw);
  if (d === 'D') return -abs(amount);
  if (d === 'C') return abs(amount);
  return amount;
}

function chooseDateFormat(
  options: CsvOptions,
  preset: Preset,
  samples: string[],
  header: TableRecord | undefined,
): NonNullable<ReturnType<typeof findDateFormat>> {
  if (options.dateFormat) {
    const format = findDateFormat(options.dateFormat);
    if (!format) {
      throw new StatementError(
        `Unknown date format "${options.dateFormat}" (known: ${DATE_FORMATS.join(', ')})`,
      );
    }
    return format;
  }
  const fromPreset = preset.dateFormat ? findDateFormat(preset.dateFormat) : undefined;
  if (
    fromPreset &&
    samples.filter((s) => parseDateAs(fromPreset, s)).length * 2 >= samples.length
  ) {
    return fromPreset;
  }
  const detected = detectDateFormat(samples);
  if (detected) return detected;
  if (!samples.length) return findDateFormat('dd/MM/yyyy')!;
  throw new StatementError(
    `Could not tell the date format (values like "${samples.slice(0, 3).join('", "')}"); pass a dateFormat`,
    header?.line,
  );
}

function findColumns(
  records: TableRecord[],
  mapping: CsvMapping | undefined,
  preset: Preset,
): { map: ColumnMap; headerAt: number } {
  if (mapping) return fromMapping(records, mapping);
  const limit = Math.min(records.length, HEADER_SEARCH);
  for (let i = 0; i < limit; i++) {
    const map = fromHeader(records[i]!.cells, preset.columns);
    if (map) return { map, headerAt: i };
  }
  const headerless = preset.headerless ?? inferColumns(records);
  if (headerless) {
    const { date, description, amount } = headerless;
    return { map: { date, description: [description], amount }, headerAt: -1 };
  }
  const first = records.find((r) => r.cells.some((c) => c.trim()));
  throw new StatementError(
    `Could not find the date and amount columns${first ? ` (line ${first.line}: "${first.cells.join(' | ').slice(0, 200)}")` : ''}; ` +
      'choose a preset or give a column mapping',
    first?.line,
  );
}

function fromHeader(cells: string[], synonyms: ColumnSynonyms): ColumnMap | undefined {
  const names = cells.map(normaliseHeader);
  const used = new Set<number>();
  const find = (candidates: string[]): number | undefined => {
    for (const candidate of candidates) {
      const at = names.findIndex((n, i) => n === candidate && !used.has(i));
      if (at >= 0) {
        used.add(at);
        return at;
      }
    }
    return undefined;
  };
  const date = find(synonyms.date);
  if (date === undefined) return undefined;
  const amount = find(synonyms.amount);
  const debit = amount === undefined ? find(synonyms.debit) : undefined;
  const credit = amount === undefined ? find(synonyms.credit) : undefined;
  if (amount === undefined && (debit === undefined || credit === undefined)) return undefined;
  const description = synonyms.description.map(find).filter((i): i is number => i !== undefined);
  const payee = find(synonyms.payee);
  if (!description.length && payee === undefined) return undefined;
  return {
    date,
    description,
    amount,
    debit,
    credit,
    payee,
    externalId: find(synonyms.externalId),
    direction: find(synonyms.direction),
    currency: find(synonyms.currency),
    account: find(synonyms.account),
  };
}

function fromMapping(
  records: TableRecord[],
  mapping: CsvMapping,
): { map: ColumnMap; headerAt: number } {
  const roles = [
    'date',
    'description',
    'amount',
    'debit',
    'credit',
    'payee',
    'externalId',
    'direction',
  ] as const;
  if (
    mapping.amount === undefined &&
    (mapping.debit === undefined || mapping.credit === undefined)
  ) {
    throw new StatementError('A column mapping needs `amount`, or both `debit` and `credit`');
  }
  const named = roles.some((r) => typeof mapping[r] === 'string');
  let headerAt = -1;
  let names: string[] = [];
  if (named) {
    const wanted = normaliseHeader(
      typeof mapping.date === 'string' ? mapping.date : String(mapping.description),
    );
    headerAt = records
      .slice(0, HEADER_SEARCH)
      .findIndex((r) => r.cells.some((c) => normaliseHeader(c) === wanted));
    if (headerAt < 0)
      throw new StatementError(`No header row with a column named "${String(mapping.date)}"`);
    names = records[headerAt]!.cells.map(normaliseHeader);
  }
  const resolve = (ref: string | number | undefined): number | undefined => {
    if (ref === undefined) return undefined;
    if (typeof ref === 'number') return ref;
    const at = names.indexOf(normaliseHeader(ref));
    if (at < 0)
      throw new StatementError(`The header has no column named "${ref}"`, records[headerAt]?.line);
    return at;
  };
  const header = headerAt >= 0 ? records[headerAt]!.cells : [];
  const currency = header
    .map(normaliseHeader)
    .findIndex((n) => PRESETS.generic!.columns.currency.includes(n));
  return {
    headerAt,
    map: {
      date: resolve(mapping.date)!,
      description: [resolve(mapping.description)!],
      amount: resolve(mapping.amount),
      debit: resolve(mapping.debit),
      credit: resolve(mapping.credit),
      payee: resolve(mapping.payee),
      externalId: resolve(mapping.externalId),
      direction: resolve(mapping.direction),
      currency: currency >= 0 ? currency : undefined,
    },
  };
}

/** For files without a header: the first date column, the first amount after it, the wordiest text. */
function inferColumns(
  records: TableRecord[],
): { date: number; description: number; amount: number } | undefined {
  const rows = records.filter((r) => r.cells.some((c) => c.trim())).slice(0, 20);
  if (!rows.length) return undefined;
  const width = Math.max(...rows.map((r) => r.cells.length));
  const share = (col: number, test: (v: string) => boolean) =>
    rows.filter((r) => test((r.cells[col] ?? '').trim())).length / rows.length;
  const columns = [...Array(width).keys()];
  const isDate = (v: string) => detectDateFormat([v]) !== undefined;
  const date = columns.find((c) => share(c, isDate) >= 0.8);
  if (date === undefined) return undefined;
  const amount = columns.find(
    (c) => c > date && share(c, (v) => !isDate(v) && parseAmount(v, 2) !== undefined) >= 0.8,
  );
  if (amount === undefined) return undefined;
  const letters = (c: number) =>
    rows.reduce((n, r) => n + ((r.cells[c] ?? '').match(/\p{L}/gu)?.length ?? 0), 0);
  const description = columns
    .filter((c) => c !== date && c !== amount)
    .sort((a, b) => letters(b) - letters(a))[0];
  if (description === undefined) return undefined;
  return { date, description, amount };
}
