import { parseCamt } from './camt';
import { parseCsvText } from './csv';
import { detectTextFormat, sniffBytes } from './detect';
import { parseOfx } from './ofx';
import { parseQif } from './qif';
import { DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_ROWS } from './result';
import { decodeText, findLongLine, looksBinary } from './text';
import type { ParseOptions, ParseResult, ParseStatement, StatementFormat } from './types';
import { StatementError } from './types';
import { parseXlsx } from './xlsx';

export * from './types';

/**
 * Bytes in, rows out. Throws StatementError for a file that cannot be imported at all;
 * a bad row goes to `invalid` with its line and the rest still parse.
 */
export const parseStatement: ParseStatement = (
  bytes: Buffer,
  options: ParseOptions = {},
): ParseResult => {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (isBlank(bytes)) {
    throw new StatementError('The file is empty');
  }
  const container = sniffBytes(bytes);
  let format: StatementFormat | undefined = options.format;
  try {
    if (container === 'ZIP' || format === 'XLSX') {
      if (format && format !== 'XLSX') throw new StatementError(`A ZIP/XLSX file, not ${format}`);
      format = 'XLSX';
      return parseXlsx(bytes, options.csv ?? {}, maxRows, maxLineBytes);
    }
    if (looksBinary(bytes)) throw new StatementError('A binary file, not a bank statement');
    const { text, encoding } = decodeText(bytes, options.csv?.encoding);
    format ??= detectTextFormat(text);
    // Line-based formats cap lines; tag-based ones (one-line OFX/CAMT files exist) cap each value.
    if (format === 'CSV' || format === 'QIF') {
      const long = findLongLine(bytes, maxLineBytes);
      if (long) {
        throw new StatementError(
          `Line ${long.line} is ${long.length} bytes long (the limit is ${maxLineBytes})`,
          long.line,
        );
      }
    }
    const result = parseText(format, text, options, maxRows, maxLineBytes);
    result.detected = { encoding, ...result.detected };
    return result;
  } catch (error) {
    if (error instanceof StatementError) throw error;
    // A parser bug or an exotic input must still fail as "cannot import", never crash the job.
    const reason = error instanceof Error ? error.message : String(error);
    throw new StatementError(`The file could not be read as ${format ?? 'a statement'}: ${reason}`);
  }
};

function parseText(
  format: StatementFormat,
  text: string,
  options: ParseOptions,
  maxRows: number,
  maxLineBytes: number,
): ParseResult {
  switch (format) {
    case 'OFX':
    case 'QFX':
      return parseOfx(text, format, maxRows, maxLineBytes);
    case 'CAMT053':
    case 'CAMT052':
      return parseCamt(text, format, maxRows, maxLineBytes);
    case 'QIF':
      return parseQif(text, maxRows);
    case 'CSV':
      return parseCsvText(text, options.csv ?? {}, maxRows);
    case 'XLSX':
      throw new StatementError('Not an XLSX workbook (no ZIP container)');
  }
}

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) {
    if (
      b !== 0x20 &&
      b !== 0x09 &&
      b !== 0x0a &&
      b !== 0x0d &&
      b !== 0xef &&
      b !== 0xbb &&
      b !== 0xbf
    )
      return false;
  }
  return true;
}
