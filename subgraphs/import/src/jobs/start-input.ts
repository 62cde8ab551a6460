import { badInput, isUuid, notFoundField } from '@saldo/kit';
import type { CsvMapping, CsvOptions, StatementFormat } from '../parsers/types';

const MAPPING_FIELDS = [
  'date',
  'description',
  'amount',
  'debit',
  'credit',
  'payee',
  'externalId',
  'direction',
] as const;

export type CsvColumnsInput = { [K in (typeof MAPPING_FIELDS)[number]]?: string | null };

/** What startImport is asked (GraphQL's StartImportInput, without GraphQL). */
export interface StartCommand {
  fileId: string;
  accountId?: string | null;
  cardId?: string | null;
  format?: StatementFormat | null;
  statementAccountId?: string | null;
  csv?: CsvCommand | null;
}

export interface CsvCommand {
  preset?: string | null;
  /** A mapping saved with saveCsvMapping, by name. */
  mappingName?: string | null;
  mapping?: CsvColumnsInput | null;
  dateFormat?: string | null;
  decimalSeparator?: string | null;
  encoding?: string | null;
  delimiter?: string | null;
  skipRows?: number | null;
}

/** A column given as digits is a 0-based index, anything else a header name. */
export function toCsvMapping(raw: CsvColumnsInput): CsvMapping {
  const out: Record<string, string | number> = {};
  for (const field of MAPPING_FIELDS) {
    const value = raw[field]?.trim();
    if (value) out[field] = /^\d+$/.test(value) ? Number(value) : value;
  }
  if (out['date'] === undefined || out['description'] === undefined) {
    throw badInput('A CSV mapping needs the date and description columns', { field: 'mapping' });
  }
  if (out['amount'] === undefined && out['debit'] === undefined && out['credit'] === undefined) {
    throw badInput('A CSV mapping needs an amount column, or debit/credit columns', {
      field: 'mapping',
    });
  }
  return out as unknown as CsvMapping;
}

/** The parser's CSV options from the command (a saved mapping already resolved). */
export function csvOptions(c: CsvCommand, saved: CsvMapping | null): CsvOptions {
  const options: CsvOptions = {};
  if (c.preset) options.preset = c.preset;
  const mapping = c.mapping ? toCsvMapping(c.mapping) : saved;
  if (mapping) options.mapping = mapping;
  if (c.dateFormat) options.dateFormat = c.dateFormat;
  if (c.decimalSeparator) {
    if (c.decimalSeparator !== '.' && c.decimalSeparator !== ',') {
      throw badInput('decimalSeparator is "." or ","', { field: 'decimalSeparator' });
    }
    options.decimalSeparator = c.decimalSeparator;
  }
  if (c.encoding) options.encoding = c.encoding;
  if (c.delimiter) {
    if (c.delimiter.length !== 1)
      throw badInput('delimiter is one character', { field: 'delimiter' });
    options.delimiter = c.delimiter;
  }
  if (c.skipRows != null) {
    if (c.skipRows < 0 || c.skipRows > 1000) {
      throw badInput('skipRows is between 0 and 1000', { field: 'skipRows' });
    }
    options.skipRows = c.skipRows;
  }
  return options;
}

/** The target (exactly one of an account or a card) with well-formed ids. */
export function checkTarget(c: StartCommand): { accountId: string | null; cardId: string | null } {
  if (!isUuid(c.fileId)) throw notFoundField('File', 'fileId', c.fileId);
  const accountId = c.accountId ?? null;
  const cardId = c.cardId ?? null;
  if ((accountId === null) === (cardId === null)) {
    throw badInput('Give exactly one of accountId or cardId', { field: 'accountId' });
  }
  if (accountId !== null && !isUuid(accountId)) {
    throw notFoundField('Account', 'accountId', accountId);
  }
  if (cardId !== null && !isUuid(cardId)) throw notFoundField('Card', 'cardId', cardId);
  return { accountId, cardId };
}
