import iconv from 'iconv-lite';
import { parseStatement } from './index';
import { allRows, statementError } from './test-helpers';

const HEADER = 'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nENCODING:USASCII\nCHARSET:1252\n\n';

function sgml(transactions: string, extra = ''): string {
  return (
    `${HEADER}<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>BRL\n` +
    `<BANKACCTFROM><BANKID>341<BRANCHID>0001<ACCTID>12345-6<ACCTTYPE>CHECKING</BANKACCTFROM>\n` +
    `<BANKTRANLIST>\n${transactions}</BANKTRANLIST>${extra}</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`
  );
}

const trn = (fields: string) => `<STMTTRN>${fields}</STMTTRN>\n`;

describe('OFX', () => {
  it('reads unclosed SGML leaves, BRT zones, millis and every amount style', () => {
    const text = sgml(
      trn(
        '<TRNTYPE>DEBIT<DTPOSTED>20240131235959.000[-3:BRT]<TRNAMT>-1.234,56<FITID>A1<MEMO>Aluguel',
      ) +
        trn("<TRNTYPE>CREDIT<DTPOSTED>20240201<TRNAMT>11'373.94<FITID>A2<NAME>Salário") +
        trn('<TRNTYPE>DEBIT<DTPOSTED>20240202120000[-3:BRT]<TRNAMT>-7<FITID>A3<MEMO>Café'),
    );
    const r = parseStatement(Buffer.from(text));
    expect(r.format).toBe('OFX');
    expect(r.accounts[0]!.id).toBe('341/0001/12345-6');
    // The value date is the local date as written, even late at night in BRT.
    expect(allRows(r).map((row) => [row.line, row.date, row.amountMinor, row.description])).toEqual(
      [
        [10, '2024-01-31', -123456n, 'Aluguel'],
        [11, '2024-02-01', 1137394n, 'Salário'],
        [12, '2024-02-02', -700n, 'Café'],
      ],
    );
  });

  it('reads well-formed OFX 2.x XML with CDATA and entities', () => {
    const text =
      '<?xml version="1.0" encoding="UTF-8"?>\n<?OFX OFXHEADER="200" VERSION="211"?>\n' +
      '<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>USD</CURDEF>' +
      '<CCACCTFROM><ACCTID>4111</ACCTID></CCACCTFROM><BANKTRANLIST>\n' +
      '<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20240105</DTPOSTED><TRNAMT>-10.00</TRNAMT>' +
      '<FITID>X</FITID><NAME><![CDATA[A & B <shop> ]]></NAME><MEMO>Tom &amp; Jerry&#39;s</MEMO></STMTTRN>\n' +
      '</BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>';
    const r = parseStatement(Buffer.from(text));
    expect(r.accounts[0]).toMatchObject({ id: '4111', type: 'CREDIT_CARD', currency: 'USD' });
    expect(allRows(r)).toEqual([
      expect.objectContaining({
        line: 4,
        description: "Tom & Jerry's",
        payee: 'A & B <shop>',
        amountMinor: -1000n,
      }),
    ]);
  });

  it('decodes a CP1252 file whose header claims UTF-8, and a UTF-8 file with a BOM', () => {
    const body = sgml(trn('<DTPOSTED>20240105<TRNAMT>-1.00<FITID>1<MEMO>Pão – “feira” €'));
    const cp1252 = iconv.encode(body.replace('ENCODING:USASCII', 'ENCODING:UTF-8'), 'windows-1252');
    expect(allRows(parseStatement(cp1252))[0]!.description).toBe('Pão – “feira” €');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]);
    expect(allRows(parseStatement(bom))[0]!.description).toBe('Pão – “feira” €');
  });

  it('keeps two statements of two accounts apart and merges a repeated account', () => {
    const stmt = (acct: string, fitid: string) =>
      `<STMTTRNRS><STMTRS><CURDEF>BRL<BANKACCTFROM><BANKID>1<ACCTID>${acct}</BANKACCTFROM><BANKTRANLIST>` +
      `<STMTTRN><DTPOSTED>20240101<TRNAMT>1.00<FITID>${fitid}<MEMO>x</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS>\n`;
    const text = `${HEADER}<OFX><BANKMSGSRSV1>\n${stmt('A', '1')}${stmt('B', '2')}${stmt('A', '3')}</BANKMSGSRSV1></OFX>`;
    const r = parseStatement(Buffer.from(text));
    expect(r.accounts.map((a) => [a.id, a.rows.map((row) => row.externalId)])).toEqual([
      ['1/A', ['1', '3']],
      ['1/B', ['2']],
    ]);
  });

  it('rejects a zero date and an amount with more decimals than the currency has', () => {
    const text = sgml(
      trn('<DTPOSTED>00000000<TRNAMT>1.00<FITID>1<MEMO>a') +
        trn('<DTPOSTED>20240101<TRNAMT>1.005<FITID>2<MEMO>b'),
    );
    expect(parseStatement(Buffer.from(text)).invalid).toEqual([
      { line: 10, message: 'Invalid date "00000000" (DTPOSTED)' },
      { line: 11, message: 'Invalid amount "1.005" (TRNAMT)' },
    ]);
  });

  it('refuses a truncated file instead of importing part of it', () => {
    const text = sgml(
      trn('<DTPOSTED>20240101<TRNAMT>1.00<FITID>1<MEMO>a') + '<STMTTRN><DTPOSTED>2024',
    );
    const cut = text.slice(0, text.indexOf('</BANKTRANLIST>'));
    const error = statementError(() => parseStatement(Buffer.from(cut)));
    expect(error.message).toMatch(/ends inside a statement/);
    expect(error.line).toBe(7);
  });

  it('refuses a DOCTYPE (entity expansion) with its line', () => {
    const text = `<?xml version="1.0"?>\n<!DOCTYPE ofx [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<OFX><MEMO>&b;</MEMO></OFX>`;
    const error = statementError(() => parseStatement(Buffer.from(text)));
    expect(error.message).toMatch(/DOCTYPE or ENTITY: refused/);
    expect(error.line).toBe(2);
  });

  it('says what the bank answered when it sent an error instead of a statement', () => {
    const text =
      `${HEADER}<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>2000<SEVERITY>ERROR` +
      `<MESSAGE>Conta inválida</STATUS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    expect(statementError(() => parseStatement(Buffer.from(text))).message).toBe(
      'No bank or credit card statement (STMTRS/CCSTMTRS) found in the OFX file (the bank answered ERROR 2000: Conta inválida)',
    );
  });

  it('refuses an OFX without any statement and one value over maxLineBytes', () => {
    const empty = `${HEADER}<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</STATUS></SONRS></SIGNONMSGSRSV1></OFX>`;
    expect(statementError(() => parseStatement(Buffer.from(empty))).message).toMatch(
      /No bank or credit card statement/,
    );
    const long = sgml(trn(`<DTPOSTED>20240101<TRNAMT>1.00<MEMO>${'x'.repeat(5000)}`));
    const error = statementError(() => parseStatement(Buffer.from(long), { maxLineBytes: 1000 }));
    expect([error.message, error.line]).toEqual(['A value longer than 1000 bytes', 10]);
  });

  it('ignores a balance line disguised as a transaction and a placeholder FITID of zeros', () => {
    const text = sgml(
      trn('<DTPOSTED>20240101<TRNAMT>100.00<FITID>0<MEMO>SALDO DIA') +
        trn('<DTPOSTED>20240101<TRNAMT>-5<FITID>000<MEMO>Tarifa'),
    );
    const r = parseStatement(Buffer.from(text));
    expect(r.invalid).toEqual([
      { line: 10, message: 'A balance line ("SALDO DIA"), not a transaction' },
    ]);
    expect(allRows(r)).toEqual([expect.not.objectContaining({ externalId: expect.anything() })]);
  });
});
