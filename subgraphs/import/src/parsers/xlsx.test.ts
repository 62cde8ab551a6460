import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parseStatement } from './index';
import { allRows, statementError } from './test-helpers';

async function workbook(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('Extrato'));
  return Buffer.from(await book.xlsx.writeBuffer());
}

interface Entry {
  name: string;
  data: Buffer;
  /** Lie about the uncompressed size, as a zip bomb does. */
  declaredSize?: number;
}

/** A minimal ZIP writer (deflate), enough to build hostile archives by hand. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, declaredSize } of entries) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const size = declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('XLSX', () => {
  it('reads a workbook written by exceljs: date cells, numbers, shared strings, a preamble row', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['Extrato de conta - março 2024']);
      sheet.addRow(['Data', 'Descrição', 'Valor', 'Identificador']);
      sheet.addRow([new Date(Date.UTC(2024, 2, 1)), 'Padaria Pão Quente', -45.9, 'id-1']);
      sheet.addRow([new Date(Date.UTC(2024, 2, 2)), 'Salário', 1500, 'id-2']);
      sheet.addRow(['03/03/2024', 'Loja PARC 2/5', 0.1 + 0.2, 'id-3']);
      sheet.getColumn(1).numFmt = 'dd/mm/yyyy';
    });
    const r = parseStatement(bytes);
    expect(r.invalid).toEqual([]);
    expect(r.format).toBe('XLSX');
    expect(r.detected).toMatchObject({ sheet: 'Extrato', header: 'line 2' });
    expect(allRows(r)).toEqual([
      {
        line: 3,
        date: '2024-03-01',
        amountMinor: -4590n,
        currency: 'BRL',
        kind: 'EXPENSE',
        description: 'Padaria Pão Quente',
        externalId: 'id-1',
      },
      expect.objectContaining({ line: 4, date: '2024-03-02', amountMinor: 150000n }),
      // 0.1 + 0.2 is stored as 0.30000000000000004: read as 0.30, not refused.
      expect.objectContaining({ line: 5, amountMinor: 30n, installment: { number: 2, count: 5 } }),
    ]);
  });

  it('reads a card workbook with the nubank-card preset', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['date', 'title', 'amount']);
      sheet.addRow(['2024-03-01', 'Mercado - Parcela 1/3', 100]);
      sheet.addRow(['2024-03-05', 'Pagamento recebido', -100]);
    });
    const r = parseStatement(bytes, { csv: { preset: 'nubank-card' } });
    expect(r.accounts.map((a) => a.type)).toEqual(['CREDIT_CARD']);
    expect(allRows(r).map((row) => row.amountMinor)).toEqual([-10000n, 10000n]);
  });

  it('reads rich-text shared strings, inline strings, formula strings and entities', async () => {
    const written = await workbook((sheet) => {
      sheet.addRow(['Data', 'Descrição', 'Valor']);
      sheet.addRow([
        '01/03/2024',
        { richText: [{ text: 'Pa' }, { font: { bold: true }, text: 'daria' }] },
        -1,
      ]);
    });
    expect(allRows(parseStatement(written))[0]!.description).toBe('Padaria');
    const sheetXml =
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Data</t></is></c>' +
      '<c r="B1" t="inlineStr"><is><t>Histórico</t></is></c><c r="D1" t="inlineStr"><is><t>Valor</t></is></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><t>05/03/2024</t></is></c>' +
      '<c r="B3" t="str"><f>CONCAT("x")</f><v>Tom &amp; Jerry</v></c><c r="D3"><v>-12.5</v></c></row></sheetData></worksheet>';
    const hand = zip([
      {
        name: 'xl/workbook.xml',
        data: Buffer.from('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'),
      },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml) },
    ]);
    const r = parseStatement(hand);
    expect(allRows(r)).toEqual([
      expect.objectContaining({
        line: 3,
        date: '2024-03-05',
        description: 'Tom & Jerry',
        amountMinor: -1250n,
      }),
    ]);
  });

  it('refuses a zip bomb whose directory declares a huge size, before inflating anything', () => {
    const bomb = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1000), declaredSize: 3_000_000_000 },
    ]);
    expect(statementError(() => parseStatement(bomb)).message).toMatch(
      /more than the size limit \(a zip bomb\?\)/,
    );
  });

  it('refuses a zip bomb that lies about its size: inflation stops at the declared size', () => {
    const sheet = Buffer.alloc(20 * 1024 * 1024, 0x20); // 20 MiB of spaces, ~20 KiB deflated
    const workbookXml = '<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>';
    const bomb = zip([
      { name: 'xl/workbook.xml', data: Buffer.from(workbookXml) },
      { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: 100 },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(statementError(() => parseStatement(bomb)).message).toMatch(/a zip bomb\?/);
  });

  it('refuses an archive with too many entries, a ZIP that is not a workbook, and a corrupt one', () => {
    const many = zip(
      Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })),
    );
    expect(statementError(() => parseStatement(many)).message).toMatch(/10001 entries/);
    const other = zip([{ name: 'readme.txt', data: Buffer.from('hello') }]);
    expect(statementError(() => parseStatement(other)).message).toBe(
      'A ZIP archive that is not an XLSX workbook',
    );
    const corrupt = zip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]).subarray(
      0,
      40,
    );
    expect(statementError(() => parseStatement(corrupt)).message).toMatch(
      /truncated or corrupt ZIP/,
    );
  });
});
