import { isUtf8 } from 'node:buffer';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';

// Charge files: sniff the dialect from the head, split the body into chunks of whole records
// (offsets only, so a 200 MB file is never held in memory), parse + validate one chunk at a time.
// Both encodings are ASCII-compatible, so record boundaries are found on the raw bytes.

export type ChargeColumn =
  'name' | 'governmentId' | 'email' | 'debtAmount' | 'debtDueDate' | 'debtId';

export interface ChargeCsvDialect {
  encoding: 'utf8' | 'cp1252';
  delimiter: ',' | ';';
  columns: Record<ChargeColumn, number>;
  /** Bytes up to and including the header line's newline (and BOM). */
  headerBytes: number;
  /** Fields in the header (extra columns are ignored but counted); defaults to the highest column index + 1. */
  fieldCount?: number;
}

export class ChargeFileError extends Error {
  override name = 'ChargeFileError';
}

export interface ChargeRow {
  line: number;
  name: string;
  governmentId: string;
  email: string;
  amountCents: bigint;
  dueDate: string;
  debtId: string;
}

export interface RowError {
  line: number;
  field: ChargeColumn | 'row';
  message: string;
}

export interface ChargeValidators {
  /** Normalised id, or null when invalid. */
  governmentId(raw: string): string | null;
  email(raw: string): boolean;
}

export const CHARGE_COLUMNS: readonly ChargeColumn[] = [
  'name',
  'governmentId',
  'email',
  'debtAmount',
  'debtDueDate',
  'debtId',
];
export const MAX_FIELD_CHARS = 1000;
export const MAX_ROW_BYTES = 10 * 1024;
export const SNIFF_BYTES = 64 * 1024;
// The boleto amount field holds 10 digits: 99,999,999.99 at most.
const MAX_AMOUNT_CENTS = 9_999_999_999n;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Quote-aware record scanner over a byte stream fed piece by piece. A record ends at a LF outside quotes;
 * a quoted record that grows past MAX_ROW_BYTES ends at its next LF anyway (it is an error either way), so one
 * stray quote cannot swallow the rest of the file. */
class RecordScanner {
  private inQuotes = false;
  private recordStart: number;
  private recordLine: number;
  private line: number;
  private lastByte = -1;
  private closedAt = -2;

  private readonly delimiter: number;

  constructor(
    delimiter: ',' | ';',
    start: number,
    firstLine: number,
    private readonly onRecord: (start: number, end: number, line: number, blank: boolean) => void,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.recordStart = start;
    this.recordLine = firstLine;
    this.line = firstLine;
  }

  /** `buf` starts at absolute offset `base`; scanning starts at buf[from]. */
  feed(buf: Buffer, base: number, from = 0): void {
    let pos = from;
    let nextQuote = buf.indexOf(QUOTE, pos);
    while (pos < buf.length) {
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf(QUOTE, pos);
      const lf = buf.indexOf(LF, pos);
      if (this.inQuotes) {
        if (lf !== -1 && (nextQuote === -1 || lf < nextQuote)) {
          if (base + lf - this.recordStart > MAX_ROW_BYTES) {
            this.inQuotes = false;
            this.end(buf, base, lf);
          } else this.line++;
          pos = lf + 1;
        } else if (nextQuote !== -1) {
          this.inQuotes = false;
          this.closedAt = base + nextQuote;
          pos = nextQuote + 1;
        } else break;
      } else if (nextQuote !== -1 && (lf === -1 || nextQuote < lf)) {
        // RFC 4180: a quote opens a quoted field only at the start of a field; elsewhere it is data.
        const prev = nextQuote > 0 ? buf[nextQuote - 1] : this.lastByte;
        // A quote right after a closing quote is an escaped quote ("") inside the same field.
        const abs = base + nextQuote;
        this.inQuotes =
          abs === this.recordStart || prev === this.delimiter || abs === this.closedAt + 1;
        pos = nextQuote + 1;
      } else if (lf !== -1) {
        this.end(buf, base, lf);
        pos = lf + 1;
      } else break;
    }
    if (buf.length > 0) this.lastByte = buf[buf.length - 1] ?? -1;
  }

  /** The file ended at absolute offset `total`: an unterminated last record is still a record. */
  finish(total: number): void {
    if (total > this.recordStart) {
      const blank = total - this.recordStart === 1 && this.lastByte === CR;
      this.onRecord(this.recordStart, total, this.recordLine, blank);
    }
  }

  private end(buf: Buffer, base: number, lf: number): void {
    const endAbs = base + lf + 1;
    const len = endAbs - 1 - this.recordStart;
    const before = lf > 0 ? buf[lf - 1] : this.lastByte;
    const blank = len === 0 || (len === 1 && before === CR);
    this.onRecord(this.recordStart, endAbs, this.recordLine, blank);
    this.line++;
    this.recordStart = endAbs;
    this.recordLine = this.line;
  }
}

// ---------------------------------------------------------------- sniff

/** Dialect from the first <= 64 KiB of the file. Throws ChargeFileError for whole-file problems. */
export function sniffChargeCsv(head: Buffer): ChargeCsvDialect {
  const hasBom = head.subarray(0, 3).equals(BOM);
  const start = hasBom ? 3 : 0;
  if (head.subarray(start).toString('latin1').trim() === '')
    throw new ChargeFileError('the file is empty');
  if (head.includes(0)) throw new ChargeFileError('the file is not text (it contains NUL bytes)');
  const headerEnd = head.indexOf(LF, start);
  if (headerEnd === -1 && head.length >= SNIFF_BYTES) {
    throw new ChargeFileError('no header line found in the first 64 KiB');
  }
  const headerBytes = headerEnd === -1 ? head.length : headerEnd + 1;
  const encoding =
    hasBom || isUtf8(trimPartialUtf8(head, head.length >= SNIFF_BYTES)) ? 'utf8' : 'cp1252';
  const headerLine = decode(head.subarray(start, headerBytes), encoding).replace(/\r?\n$/, '');
  const byDelimiter = ([',', ';'] as const).map((delimiter) => ({
    delimiter,
    ...readHeader(headerLine, delimiter),
  }));
  const best = byDelimiter.find((h) => h.missing.length === 0) ?? pickClosest(byDelimiter);
  if (best.found === 0) {
    throw new ChargeFileError(
      `no header: the first line must name the columns ${CHARGE_COLUMNS.join(', ')}`,
    );
  }
  if (best.duplicate) throw new ChargeFileError(`the header repeats the column ${best.duplicate}`);
  if (best.missing.length > 0) {
    throw new ChargeFileError(`the header is missing the column(s) ${best.missing.join(', ')}`);
  }
  return {
    encoding,
    delimiter: best.delimiter,
    columns: best.columns,
    headerBytes,
    fieldCount: best.fieldCount,
  };
}

function pickClosest<T extends { found: number }>(options: T[]): T {
  return options.reduce((a, b) => (b.found > a.found ? b : a));
}

function readHeader(line: string, delimiter: ',' | ';') {
  const names = splitFields(line, delimiter) ?? line.split(delimiter);
  const columns: Partial<Record<ChargeColumn, number>> = {};
  let duplicate: ChargeColumn | null = null;
  names.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    const column = CHARGE_COLUMNS.find((c) => c.toLowerCase() === name);
    if (!column) return;
    if (columns[column] !== undefined) duplicate = column;
    columns[column] = index;
  });
  const missing = CHARGE_COLUMNS.filter((c) => columns[c] === undefined);
  return {
    columns: columns as Record<ChargeColumn, number>,
    missing,
    found: CHARGE_COLUMNS.length - missing.length,
    duplicate: duplicate as ChargeColumn | null,
    fieldCount: names.length,
  };
}

// The head may end in the middle of a UTF-8 sequence; drop up to 3 trailing continuation bytes.
function trimPartialUtf8(head: Buffer, truncated: boolean): Buffer {
  if (!truncated) return head;
  let end = head.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = head[end - i] ?? 0;
    if ((b & 0xc0) === 0xc0) return head.subarray(0, end - i);
    if ((b & 0x80) === 0) break;
  }
  return head.subarray(0, end);
}

function decode(bytes: Buffer, encoding: ChargeCsvDialect['encoding']): string {
  return encoding === 'utf8' ? bytes.toString('utf8') : iconv.decode(bytes, 'cp1252');
}

// ---------------------------------------------------------------- split

/** Splits the bytes after the header into chunks of whole records, each at most `rowsPerChunk` records
 * (blank lines are not counted, and stay inside a chunk). `source` is the whole file from byte 0.
 * offset is absolute in the file; firstLine is the 1-based file line where the chunk starts (header is line 1).
 * Yields only offsets: memory stays bounded by one source buffer. */
export async function* splitChargeCsv(
  source: AsyncIterable<Buffer>,
  dialect: ChargeCsvDialect,
  rowsPerChunk: number,
): AsyncGenerator<{ offset: number; length: number; firstLine: number; rows: number }> {
  if (!Number.isInteger(rowsPerChunk) || rowsPerChunk < 1)
    throw new RangeError('rowsPerChunk must be >= 1');
  type Chunk = { offset: number; length: number; firstLine: number; rows: number };
  const ready: Chunk[] = [];
  let chunk = { offset: dialect.headerBytes, firstLine: 2, rows: 0 };
  const scanner = new RecordScanner(
    dialect.delimiter,
    dialect.headerBytes,
    2,
    (start, _end, line, blank) => {
      if (blank) return;
      // Cut lazily, at the start of the next real record, so trailing blank lines stay in the last chunk.
      if (chunk.rows === rowsPerChunk) {
        ready.push({ ...chunk, length: start - chunk.offset });
        chunk = { offset: start, firstLine: line, rows: 0 };
      }
      chunk.rows++;
    },
  );
  let base = 0;
  for await (const piece of source) {
    const buf = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
    const end = base + buf.length;
    if (end > dialect.headerBytes) scanner.feed(buf, base, Math.max(0, dialect.headerBytes - base));
    base = end;
    yield* ready.splice(0, ready.length);
  }
  scanner.finish(base);
  yield* ready.splice(0, ready.length);
  if (base > chunk.offset) yield { ...chunk, length: base - chunk.offset };
}

// ---------------------------------------------------------------- parse

/** Decodes, parses and validates one chunk. Bad rows become errors (one per bad field, or one 'row' error for a
 * malformed row); this never throws for a bad row. Empty lines are skipped. */
export function parseChargeChunk(
  bytes: Buffer,
  dialect: ChargeCsvDialect,
  firstLine: number,
  validators: ChargeValidators,
): { rows: ChargeRow[]; errors: RowError[] } {
  const rows: ChargeRow[] = [];
  const errors: RowError[] = [];
  const fieldCount = dialect.fieldCount ?? Math.max(...Object.values(dialect.columns)) + 1;
  const scanner = new RecordScanner(dialect.delimiter, 0, firstLine, (start, end, line, blank) => {
    if (blank) return;
    let stop = end;
    if (bytes[stop - 1] === LF) stop--;
    if (bytes[stop - 1] === CR) stop--;
    if (stop - start > MAX_ROW_BYTES) {
      errors.push({
        line,
        field: 'row',
        message: `row is ${stop - start} bytes, over the ${MAX_ROW_BYTES} byte limit`,
      });
      return;
    }
    const text = decode(bytes.subarray(start, stop), dialect.encoding);
    const fields = splitFields(text, dialect.delimiter);
    if (!fields) {
      errors.push({ line, field: 'row', message: 'row has a malformed quoted field' });
    } else if (fields.length !== fieldCount) {
      errors.push({
        line,
        field: 'row',
        message: `row has ${fields.length} columns, expected ${fieldCount}`,
      });
    } else {
      const row = validateRow(line, fields, dialect.columns, validators, errors);
      if (row) rows.push(row);
    }
  });
  scanner.feed(bytes, 0);
  scanner.finish(bytes.length);
  return { rows, errors };
}

/** Fields of one record; null when its quoting is malformed. Unquoted records take the fast path. */
function splitFields(text: string, delimiter: ',' | ';'): string[] | null {
  if (!text.includes('"')) return text.split(delimiter);
  try {
    const records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n'],
    }) as string[][];
    return records.length === 1 && records[0] ? records[0] : null;
  } catch {
    return null;
  }
}

function validateRow(
  line: number,
  fields: string[],
  columns: Record<ChargeColumn, number>,
  validators: ChargeValidators,
  errors: RowError[],
): ChargeRow | null {
  const before = errors.length;
  const value = (column: ChargeColumn): string | null => {
    const raw = (fields[columns[column]] ?? '').trim();
    if (raw === '') {
      errors.push({ line, field: column, message: `${column}: is required` });
      return null;
    }
    if (raw.length > MAX_FIELD_CHARS) {
      errors.push({
        line,
        field: column,
        message: `${column}: is ${raw.length} characters, over the ${MAX_FIELD_CHARS} limit`,
      });
      return null;
    }
    return raw;
  };
  const fail = (field: ChargeColumn, message: string): null => {
    errors.push({ line, field, message: `${field}: ${message}` });
    return null;
  };
  const name = value('name');
  const rawId = value('governmentId');
  const governmentId =
    rawId === null
      ? null
      : (validators.governmentId(rawId) ??
        fail('governmentId', `'${rawId}' is not a valid CPF or CNPJ`));
  const email = value('email');
  if (email !== null && !validators.email(email))
    fail('email', `'${email}' is not a valid email address`);
  const rawAmount = value('debtAmount');
  const amount = rawAmount === null ? null : parseChargeAmount(rawAmount);
  if (typeof amount === 'string') fail('debtAmount', amount);
  const rawDate = value('debtDueDate');
  const dueDate = rawDate === null ? null : parseChargeDate(rawDate);
  if (dueDate === null && rawDate !== null)
    fail('debtDueDate', `'${rawDate}' is not a date (use YYYY-MM-DD or dd/mm/yyyy)`);
  const debtId = value('debtId');
  if (errors.length > before || name === null || governmentId === null || email === null)
    return null;
  if (typeof amount !== 'bigint' || dueDate === null || debtId === null) return null;
  return { line, name, governmentId, email, amountCents: amount, dueDate, debtId };
}

const PLAIN = /^(\d+)(?:[.,](\d+))?$/;
const DOT_THOUSANDS = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
const COMMA_THOUSANDS = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/** Amount in cents, or an English message. One separator is always the decimal one ('12,345' has 3 decimals);
 * with both, the last is the decimal one and the other must group thousands. */
export function parseChargeAmount(raw: string): bigint | string {
  const s = raw.trim();
  if (s.startsWith('-')) return `'${raw}' must be greater than 0`;
  const match = PLAIN.exec(s) ?? DOT_THOUSANDS.exec(s) ?? COMMA_THOUSANDS.exec(s);
  const whole = match?.[1]?.replace(/[.,]/g, '');
  const frac = match?.[2];
  if (!match || whole === undefined) return `'${raw}' is not an amount (use 1234.56 or 1234,56)`;
  if (frac !== undefined && frac.length > 2) return `'${raw}' has more than 2 decimals`;
  if (whole.length > 12) return `'${raw}' is too large (at most 99999999.99)`;
  const cents = BigInt(whole) * 100n + BigInt((frac ?? '').padEnd(2, '0'));
  if (cents <= 0n) return `'${raw}' must be greater than 0`;
  if (cents > MAX_AMOUNT_CENTS) return `'${raw}' is too large (at most 99999999.99)`;
  return cents;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BR_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** YYYY-MM-DD, or null when `raw` is not a real calendar date in either accepted form. */
export function parseChargeDate(raw: string): string | null {
  const iso = ISO_DATE.exec(raw);
  const br = iso ? null : BR_DATE.exec(raw);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : br ? [br[3], br[2], br[1]] : [];
  if (y === undefined || m === undefined || d === undefined) return null;
  const year = Number.parseInt(y, 10);
  const month = Number.parseInt(m, 10);
  const day = Number.parseInt(d, 10);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
