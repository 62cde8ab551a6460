import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import {
  ChargeFileError,
  parseChargeAmount,
  parseChargeChunk,
  parseChargeDate,
  sniffChargeCsv,
  splitChargeCsv,
  type ChargeCsvDialect,
  type ChargeValidators,
} from './charge-csv';

const FIXTURES = join(__dirname, '../../test/fixtures/charges');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

// A tiny stand-in for documents.ts: CPF/CNPJ check digits and a plain email shape.
function checkDigits(digits: number[], weights: number[]): number {
  const sum = digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}
const validators: ChargeValidators = {
  governmentId(raw) {
    const id = raw.replace(/[.\-/\s]/g, '');
    if (!/^\d+$/.test(id) || /^(\d)\1+$/.test(id)) return null;
    const d = [...id].map((c) => Number.parseInt(c, 10));
    if (id.length === 11) {
      const w = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];
      const ok =
        checkDigits(d.slice(0, 9), w.slice(1)) === d[9] && checkDigits(d.slice(0, 10), w) === d[10];
      return ok ? id : null;
    }
    if (id.length === 14) {
      const w = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
      const ok =
        checkDigits(d.slice(0, 12), w.slice(1)) === d[12] &&
        checkDigits(d.slice(0, 13), w) === d[13];
      return ok ? id : null;
    }
    return null;
  },
  email: (raw) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw),
};

async function* pieces(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function splitAll(
  file: Buffer,
  dialect: ChargeCsvDialect,
  rowsPerChunk: number,
  pieceSize = 7,
) {
  const chunks = [];
  for await (const c of splitChargeCsv(pieces(file, pieceSize), dialect, rowsPerChunk))
    chunks.push(c);
  return chunks;
}

/** Split, then parse every chunk, as the subgraph will. */
async function parseFile(file: Buffer, rowsPerChunk = 2) {
  const dialect = sniffChargeCsv(file.subarray(0, 64 * 1024));
  const chunks = await splitAll(file, dialect, rowsPerChunk);
  const parsed = chunks.map((c) =>
    parseChargeChunk(
      file.subarray(c.offset, c.offset + c.length),
      dialect,
      c.firstLine,
      validators,
    ),
  );
  return {
    dialect,
    chunks,
    rows: parsed.flatMap((p) => p.rows),
    errors: parsed.flatMap((p) => p.errors),
  };
}

function expectExactCover(
  file: Buffer,
  dialect: ChargeCsvDialect,
  chunks: { offset: number; length: number }[],
) {
  let at = dialect.headerBytes;
  for (const c of chunks) {
    expect(c.offset).toBe(at);
    expect(c.length).toBeGreaterThan(0);
    at += c.length;
  }
  expect(at).toBe(file.length);
}

describe('sniffChargeCsv', () => {
  it('reads a UTF-8 file with BOM, CRLF, comma, columns in any order and any case', () => {
    const file = fixture('utf8-comma-bom-crlf.csv');
    const d = sniffChargeCsv(file);
    expect(d).toMatchObject({ encoding: 'utf8', delimiter: ',', fieldCount: 6 });
    expect(d.columns).toEqual({
      email: 0,
      name: 1,
      governmentId: 2,
      debtAmount: 3,
      debtDueDate: 4,
      debtId: 5,
    });
    expect(d.headerBytes).toBe(file.indexOf('\n') + 1);
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('detects CP1252 and the semicolon', () => {
    const d = sniffChargeCsv(fixture('cp1252-semicolon.csv'));
    expect(d).toMatchObject({ encoding: 'cp1252', delimiter: ';' });
    expect(d.columns.debtId).toBe(5);
  });

  it('does not take a UTF-8 sequence cut at the end of the 64 KiB head for CP1252', () => {
    const body = 'name,governmentId,email,debtAmount,debtDueDate,debtId\n' + 'ção,'.repeat(20_000);
    const head = Buffer.from(body, 'utf8').subarray(0, 64 * 1024);
    expect(head[head.length - 1]).toBeGreaterThan(0x7f);
    expect(sniffChargeCsv(head).encoding).toBe('utf8');
  });

  it.each([
    ['empty.csv', /empty/],
    ['no-header.csv', /no header.*name, governmentId, email, debtAmount, debtDueDate, debtId/],
    ['missing-column.csv', /missing the column\(s\) governmentId, debtId/],
    ['binary.bin', /not text/],
  ])('rejects %s as a whole', (name, message) => {
    const run = () => sniffChargeCsv(fixture(name));
    expect(run).toThrow(ChargeFileError);
    expect(run).toThrow(message);
  });

  it('rejects a repeated column and a 64 KiB head without a newline', () => {
    expect(() =>
      sniffChargeCsv(Buffer.from('name,name,governmentId,email,debtAmount,debtDueDate,debtId\n')),
    ).toThrow(/repeats the column name/);
    expect(() => sniffChargeCsv(Buffer.alloc(64 * 1024, 'a'))).toThrow(/no header line/);
  });
});

describe('splitChargeCsv', () => {
  it.each([1, 2, 3, 100])(
    'covers every record exactly once with %i rows per chunk',
    async (rowsPerChunk) => {
      const file = fixture('utf8-comma-bom-crlf.csv');
      const dialect = sniffChargeCsv(file);
      const chunks = await splitAll(file, dialect, rowsPerChunk);
      expectExactCover(file, dialect, chunks);
      expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(4);
      expect(chunks.every((c) => c.rows <= rowsPerChunk)).toBe(true);
    },
  );

  it('keeps a quoted newline inside its record and numbers file lines across it', async () => {
    const file = fixture('utf8-comma-bom-crlf.csv');
    const dialect = sniffChargeCsv(file);
    const chunks = await splitAll(file, dialect, 1, 1);
    expect(chunks.map((c) => [c.firstLine, c.rows])).toEqual([
      [2, 1],
      [3, 1],
      [5, 1],
      [7, 1],
    ]);
    // the blank line 4 stays in the chunk before the next record
    expect(
      file.subarray(chunks[1]!.offset, chunks[1]!.offset + chunks[1]!.length).toString(),
    ).toMatch(/D-2\r\n\r\n$/);
  });

  it('ends a runaway quoted record after 10 KiB so one stray quote cannot swallow the file', async () => {
    const header = 'name,governmentId,email,debtAmount,debtDueDate,debtId\n';
    const tail = 'ok,529.982.247-25,a@example.com,1,2027-01-01,X\n'.repeat(400);
    const file = Buffer.from(header + '"open,529.982.247-25,a@example.com,1,2027-01-01,X\n' + tail);
    const dialect = sniffChargeCsv(file);
    const chunks = await splitAll(file, dialect, 1_000, 4096);
    expectExactCover(file, dialect, chunks);
    const { rows, errors } = parseChargeChunk(
      file.subarray(dialect.headerBytes),
      dialect,
      2,
      validators,
    );
    expect(errors).toEqual([
      { line: 2, field: 'row', message: expect.stringMatching(/over the 10240 byte limit/) },
    ]);
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.at(-1)?.line).toBe(402);
  });
});

describe('parseChargeChunk', () => {
  it('parses UTF-8, quoted delimiters, escaped quotes, quoted newlines and a last line without newline', async () => {
    const { rows, errors } = await parseFile(fixture('utf8-comma-bom-crlf.csv'));
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        name: 'Ana Lúcia, Souza',
        governmentId: '52998224725',
        email: 'ana@example.com',
        amountCents: 123456n,
        dueDate: '2026-12-31',
        debtId: 'D-1',
      },
      {
        line: 3,
        name: 'João "JJ" Silva',
        governmentId: '11222333000181',
        email: 'joao@example.com',
        amountCents: 123456n,
        dueDate: '2027-01-31',
        debtId: 'D-2',
      },
      {
        line: 5,
        name: 'Maria\r\nSegunda Linha',
        governmentId: '11144477735',
        email: 'maria@example.com',
        amountCents: 700n,
        dueDate: '2027-02-28',
        debtId: 'D-3',
      },
      {
        line: 7,
        name: 'Zé Ninguém',
        governmentId: '52998224725',
        email: 'zé@example.com',
        amountCents: 50n,
        dueDate: '2027-03-01',
        debtId: 'D-4',
      },
    ]);
  });

  it('decodes CP1252 with semicolons and comma decimals', async () => {
    const { rows, errors } = await parseFile(fixture('cp1252-semicolon.csv'), 1);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.name, r.amountCents, r.dueDate])).toEqual([
      [2, 'José Conceição', 123456n, '2027-03-15'],
      [3, 'Ação; Cia', 9990n, '2027-04-01'],
      [4, 'Ümit Çelik', 1000n, '2028-02-29'],
    ]);
  });

  it('reports every validation error with its line and field, and keeps the good rows', async () => {
    const { rows, errors } = await parseFile(fixture('errors.csv'), 3);
    expect(rows.map((r) => [r.line, r.debtId])).toEqual([
      [2, 'E-1'],
      [10, 'E-10'],
      [11, 'E-11'],
    ]);
    expect(rows[1]?.name).toBe('Bad "quote');
    expect(rows[2]?.amountCents).toBe(123456789n);
    expect(errors).toEqual([
      { line: 3, field: 'name', message: 'name: is required' },
      { line: 3, field: 'governmentId', message: "governmentId: '123' is not a valid CPF or CNPJ" },
      { line: 3, field: 'email', message: "email: 'not-an-email' is not a valid email address" },
      { line: 3, field: 'debtAmount', message: "debtAmount: '12.345' has more than 2 decimals" },
      {
        line: 3,
        field: 'debtDueDate',
        message: "debtDueDate: '2027-02-30' is not a date (use YYYY-MM-DD or dd/mm/yyyy)",
      },
      { line: 3, field: 'debtId', message: 'debtId: is required' },
      { line: 4, field: 'row', message: 'row has 4 columns, expected 6' },
      { line: 5, field: 'debtAmount', message: "debtAmount: '-5' must be greater than 0" },
      { line: 6, field: 'debtAmount', message: "debtAmount: '0,00' must be greater than 0" },
      {
        line: 7,
        field: 'debtAmount',
        message: "debtAmount: 'abc' is not an amount (use 1234.56 or 1234,56)",
      },
      {
        line: 7,
        field: 'debtDueDate',
        message: "debtDueDate: '2027-13-01' is not a date (use YYYY-MM-DD or dd/mm/yyyy)",
      },
      { line: 8, field: 'name', message: 'name: is 1001 characters, over the 1000 limit' },
      {
        line: 9,
        field: 'debtAmount',
        message: "debtAmount: '12.34,56' is not an amount (use 1234.56 or 1234,56)",
      },
      { line: 12, field: 'row', message: 'row has a malformed quoted field' },
    ]);
  });

  it('rejects a row over 10 KiB without parsing it', () => {
    const dialect = sniffChargeCsv(
      Buffer.from('name,governmentId,email,debtAmount,debtDueDate,debtId\n'),
    );
    const row = Buffer.from(`${'n'.repeat(11_000)},529.982.247-25,a@example.com,1,2027-01-01,X\n`);
    expect(parseChargeChunk(row, dialect, 9, validators)).toEqual({
      rows: [],
      errors: [{ line: 9, field: 'row', message: 'row is 11044 bytes, over the 10240 byte limit' }],
    });
  });

  it('never throws on garbage bytes in a chunk', () => {
    const dialect = sniffChargeCsv(
      Buffer.from('name;governmentId;email;debtAmount;debtDueDate;debtId\n'),
    );
    const garbage = iconv.encode('"a"b;;\n\u0001\u0002;"\n"x', 'cp1252');
    const { rows, errors } = parseChargeChunk(
      garbage,
      { ...dialect, encoding: 'cp1252' },
      2,
      validators,
    );
    expect(rows).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('amounts and dates', () => {
  it.each([
    ['1234.56', 123456n],
    ['1234,56', 123456n],
    ['1.234,56', 123456n],
    ['1,234.56', 123456n],
    ['1.234.567', 123456700n],
    ['0,01', 1n],
    [' 5 ', 500n],
    ['99999999.99', 9_999_999_999n],
  ])('reads %s as %s cents', (raw, cents) => expect(parseChargeAmount(raw)).toBe(cents));

  it.each([
    ['12,345', /more than 2 decimals/],
    ['1,234', /more than 2 decimals/],
    ['1.2.3', /not an amount/],
    ['1,234,5', /not an amount/],
    ['1e3', /not an amount/],
    ['R$ 10', /not an amount/],
    ['0', /greater than 0/],
    ['100000000.00', /too large/],
  ])('rejects %s', (raw, message) => expect(parseChargeAmount(raw)).toMatch(message));

  it.each([
    ['2024-02-29', '2024-02-29'],
    ['29/02/2024', '2024-02-29'],
    ['1/3/2027', '2027-03-01'],
    ['2023-02-29', null],
    ['31/04/2027', null],
    ['2027-1-01', null],
    ['12/31/2027', null],
    ['tomorrow', null],
  ])('reads the date %s as %s', (raw, iso) => expect(parseChargeDate(raw)).toBe(iso));
});
