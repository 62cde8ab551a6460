import { parseStatement } from './index';
import { statementError } from './test-helpers';

const fail = (bytes: Buffer, options?: Parameters<typeof parseStatement>[1]) =>
  statementError(() => parseStatement(bytes, options));

describe('bad input fails clearly, never crashes, never returns part of a file', () => {
  it('refuses empty files (nothing, blanks, a lone BOM)', () => {
    for (const bytes of [
      Buffer.alloc(0),
      Buffer.from(' \r\n\t\n'),
      Buffer.from([0xef, 0xbb, 0xbf]),
    ]) {
      expect(fail(bytes).message).toBe('The file is empty');
    }
  });

  it('refuses binary garbage, PDFs, legacy .xls and gzip', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 73 + 11) % 256));
    expect(fail(garbage).message).toBe('A binary file, not a bank statement');
    expect(fail(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj')).message).toMatch(/A PDF file/);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(fail(xls).message).toMatch(/legacy Excel \.xls/);
    expect(fail(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0])).message).toMatch(/gzip/);
  });

  it('refuses a 10 MB single line with its line number', () => {
    const line = Buffer.alloc(10 * 1024 * 1024, 'a');
    const error = fail(line);
    expect([error.message, error.line]).toEqual([
      'Line 1 is 10485760 bytes long (the limit is 65536)',
      1,
    ]);
    const third = Buffer.concat([Buffer.from('Data,Descrição,Valor\n01/01/2024,a,1.00\n'), line]);
    expect(fail(third).line).toBe(3);
  });

  it('refuses more rows than maxRows, for CSV and OFX alike', () => {
    const csv = [
      'Data,Descrição,Valor',
      ...Array.from({ length: 11 }, (_, i) => `01/01/2024,r${i},1.00`),
    ].join('\n');
    const error = fail(Buffer.from(csv), { maxRows: 10 });
    expect(error.message).toBe(
      'The file has more than 10 rows, the most one import takes; split it',
    );
    expect(error.line).toBe(12);
    const trns = Array.from(
      { length: 3 },
      (_, i) => `<STMTTRN><DTPOSTED>20240101<TRNAMT>1<FITID>${i}<MEMO>m</STMTTRN>`,
    );
    const ofx = `<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>BRL<BANKACCTFROM><ACCTID>1</BANKACCTFROM><BANKTRANLIST>${trns.join('')}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    expect(fail(Buffer.from(ofx), { maxRows: 2 }).message).toMatch(/more than 2 rows/);
    expect(parseStatement(Buffer.from(ofx), { maxRows: 3 }).accounts[0]!.rows).toHaveLength(3);
  });

  it('refuses text that is no statement, XML of another kind and a forced wrong format', () => {
    expect(fail(Buffer.from('hello world\nthis is a letter\n')).message).toMatch(
      /Could not find the date and amount columns/,
    );
    expect(fail(Buffer.from('<?xml version="1.0"?><html><body/></html>')).message).toMatch(
      /neither OFX nor CAMT/,
    );
    const csv = Buffer.from('Data,Descrição,Valor\n01/01/2024,a,1.00\n');
    expect(fail(csv, { format: 'OFX' }).message).toMatch(/No bank or credit card statement/);
    expect(fail(csv, { format: 'XLSX' }).message).toMatch(/ZIP/);
    expect(fail(csv, { csv: { encoding: 'klingon-8' } }).message).toBe(
      'Unknown encoding "klingon-8"',
    );
  });
});
