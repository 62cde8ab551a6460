import { parseStatement } from './index';
import { allRows, statementError } from './test-helpers';

const NS = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02';

function camt(entries: string, prolog = '<?xml version="1.0" encoding="UTF-8"?>'): Buffer {
  return Buffer.from(
    `${prolog}\n<Document xmlns="${NS}"><BkToCstmrStmt><Stmt><Id>1</Id>\n` +
      `<Acct><Id><Othr><Id>0001-12345</Id></Othr></Id><Ccy>BRL</Ccy></Acct>\n${entries}</Stmt></BkToCstmrStmt></Document>\n`,
  );
}

const entry = (body: string) => `<Ntry>${body}</Ntry>\n`;

describe('CAMT', () => {
  it('signs by CdtDbtInd, prefers ValDt, marks reversals and refuses pending entries', () => {
    const r = parseStatement(
      camt(
        entry(
          '<Amt Ccy="BRL">1234.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><DtTm>2024-01-02T10:00:00</DtTm></BookgDt>' +
            '<NtryRef>R1</NtryRef><AddtlNtryInf>Boleto &amp; taxa</AddtlNtryInf>',
        ) +
          entry(
            '<Amt Ccy="BRL">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>' +
              '<BookgDt><Dt>2024-01-03</Dt></BookgDt><ValDt><Dt>2024-01-04</Dt></ValDt><AcctSvcrRef>R2</AcctSvcrRef>',
          ) +
          entry(
            '<Amt Ccy="BRL">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2024-01-05</Dt></BookgDt>',
          ) +
          entry(
            '<Amt Ccy="BRL">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-02-30</Dt></BookgDt>',
          ),
      ),
    );
    expect(r.accounts[0]).toMatchObject({ id: '0001-12345', currency: 'BRL' });
    expect(allRows(r)).toEqual([
      expect.objectContaining({
        line: 4,
        date: '2024-01-02',
        amountMinor: -123450n,
        description: 'Boleto & taxa',
        externalId: 'R1',
      }),
      expect.objectContaining({
        line: 5,
        date: '2024-01-04',
        amountMinor: 1000n,
        bankType: 'REVERSAL',
        externalId: 'R2',
      }),
    ]);
    expect(r.invalid).toEqual([
      { line: 6, message: 'An entry with status PDNG, not booked' },
      { line: 7, message: 'An entry without a value or booking date' },
    ]);
  });

  it('refuses a DOCTYPE with entities (billion laughs) before parsing', () => {
    const bomb =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">\n]>';
    const error = statementError(() => parseStatement(camt(entry('<Amt>&lol2;</Amt>'), bomb)));
    expect(error.message).toMatch(/DOCTYPE or ENTITY: refused/);
    expect(error.line).toBe(2);
  });

  it('refuses malformed XML with the line, and CAMT.054', () => {
    const broken = camt(entry('<Amt Ccy="BRL">1.00</Amt><CdtDbtInd>DBIT</CdtDbtIn>'));
    const error = statementError(() => parseStatement(broken));
    expect(error.message).toMatch(/Malformed XML/);
    expect(error.line).toBe(4);
    const camt054 = Buffer.from(
      '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"/>',
    );
    expect(statementError(() => parseStatement(camt054)).message).toMatch(/CAMT\.054/);
  });
});
