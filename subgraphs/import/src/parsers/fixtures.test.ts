import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseStatement } from './index';
import { allRows, fixture, FIXTURES, statementError } from './test-helpers';

// The 25 third-party files (MIT, origins in test/fixtures/statements/README.md).
const file = (name: string) => fixture(`statements/${name}`);

describe('third-party statement fixtures', () => {
  it('covers every file in the folder', () => {
    const names = readdirSync(join(FIXTURES, 'statements')).filter((n) => n !== 'README.md');
    expect(names).toHaveLength(25);
    expect(names.sort()).toEqual(Object.keys(tested).sort());
  });

  const tested: Record<string, () => void> = {
    'ofxdataextractor-bank-and-card.ofx': () => {
      const r = parseStatement(file('ofxdataextractor-bank-and-card.ofx'));
      expect(r.format).toBe('QFX'); // it carries INTU.BID
      expect(r.invalid).toEqual([]);
      const [bank, card] = r.accounts;
      expect(bank).toMatchObject({ id: '364/1459950-11', type: 'BANK', currency: 'BRL' });
      expect(bank!.rows).toHaveLength(18);
      expect(bank!.balance).toEqual({ amountMinor: 63550n, date: '2018-04-29' });
      expect(bank!.rows[0]).toEqual({
        line: 37,
        date: '2018-03-09',
        amountMinor: 7440n,
        currency: 'BRL',
        kind: 'INCOME',
        description: 'Repasse pagamento: 17223405 de XXXXXXXX',
        externalId: '2018030607232002046000000061553574',
        bankType: 'CREDIT',
      });
      // `-3.34` with a dot among comma decimals; several STMTTRN on one line; numeric TRNTYPE.
      expect(bank!.rows[3]).toMatchObject({ amountMinor: -334n, date: '2018-03-20' });
      expect(bank!.rows.filter((row) => row.line === 118)).toHaveLength(3);
      expect(bank!.rows.find((row) => row.bankType === '1')).toMatchObject({ amountMinor: -349n });
      expect(bank!.rows.map((row) => row.description)).toContain(
        '\\Tarifa repasse: 30830691 de \\\\Du\\que',
      );
      expect(card).toMatchObject({ id: '123412341234', type: 'CREDIT_CARD', currency: 'USD' });
      expect(card!.rows.map((row) => [row.date, row.amountMinor, row.kind])).toEqual([
        ['2005-08-11', -2300n, 'EXPENSE'],
        ['2005-08-11', 35000n, 'INCOME'],
      ]);
      expect(card!.balance).toEqual({ amountMinor: -56200n, date: '2005-08-31' });
    },
    'ofxdataextractor-ofx2-header-sgml-leaves.ofx': () => {
      const r = parseStatement(file('ofxdataextractor-ofx2-header-sgml-leaves.ofx'));
      expect(r.invalid).toEqual([]);
      expect(r.accounts.map((a) => [a.id, a.type, a.rows.length])).toEqual([
        ['364/1459950-11', 'BANK', 18],
      ]);
      expect(r.accounts[0]!.rows[1]).toMatchObject({
        line: 41,
        amountMinor: -334n,
        kind: 'EXPENSE',
      });
    },
    'ofxdataextractor-card-messy-whitespace.ofx': () => {
      const r = parseStatement(file('ofxdataextractor-card-messy-whitespace.ofx'));
      expect(r.format).toBe('OFX');
      expect(r.accounts).toEqual([
        {
          id: '111111-1111',
          type: 'CREDIT_CARD',
          currency: 'USD',
          balance: { amountMinor: -144n, date: '2024-05-17' },
          rows: [
            expect.objectContaining({
              date: '2024-05-15',
              amountMinor: -1179n,
              externalId: '111111',
            }),
          ],
        },
      ]);
    },
    'rubyofx-bb-latin1.ofx': () => {
      const r = parseStatement(file('rubyofx-bb-latin1.ofx'));
      expect(r.detected.encoding).toBe('windows-1252');
      const [account] = r.accounts;
      expect(account).toMatchObject({ id: '001/12345-6', type: 'BANK', currency: 'BRL' });
      expect(account!.rows).toHaveLength(81);
      expect(r.invalid).toEqual([]);
      expect(account!.rows[1]).toMatchObject({
        date: '2010-10-01',
        amountMinor: -1834n,
        description: 'COMPRA COM CARTÃO',
      });
      expect(allRows(r).some((row) => row.description.includes('TRANSFERÊNCIA'))).toBe(true);
      expect(allRows(r).every((row) => row.description === row.description.trim())).toBe(true);
    },
    'rubyofx-bradesco.ofx': () => {
      const r = parseStatement(file('rubyofx-bradesco.ofx'));
      const [account] = r.accounts;
      expect(account).toMatchObject({ id: '0237/34545', currency: 'BRL' });
      expect(account!.rows).toHaveLength(6);
      expect(account!.rows[0]).toMatchObject({
        date: '2015-07-30',
        amountMinor: -53086n,
        externalId: '5649673',
      });
      // DTASOF 00000000 is no date at all.
      expect(account!.balance).toEqual({ amountMinor: 0n });
    },
    'rubyofx-caixa-malformed-decimal.ofx': () => {
      const r = parseStatement(file('rubyofx-caixa-malformed-decimal.ofx'));
      expect(allRows(r)).toEqual([]);
      expect(r.invalid).toEqual([{ line: 39, message: 'Invalid amount "." (TRNAMT)' }]);
      expect(r.accounts[0]).toMatchObject({
        id: '0104/0000000000001',
        balance: { amountMinor: 0n },
      });
    },
    'ofxparserphp-nubank-card.ofx': () => {
      const r = parseStatement(file('ofxparserphp-nubank-card.ofx'));
      const [card] = r.accounts;
      expect(card).toMatchObject({
        id: '99999999-9999-9999-9999-999999999999',
        type: 'CREDIT_CARD',
        currency: 'BRL',
      });
      expect(card!.rows).toHaveLength(16);
      expect(card!.rows[0]).toEqual({
        line: 40,
        date: '2018-09-13',
        amountMinor: -3330n,
        currency: 'BRL',
        kind: 'EXPENSE',
        description: 'Amazon.Com.Br Amazon & Cloud 3/3',
        externalId: '5b4f6eea-9999-9999-9999-794a31c8f61b',
        installment: { number: 3, count: 3 },
        bankType: 'DEBIT',
      });
      expect(card!.rows[1]).toMatchObject({
        amountMinor: -990n,
        installment: { number: 3, count: 12 },
      });
      expect(card!.rows[2]).toMatchObject({ amountMinor: -14000n });
      expect(allRows(r).find((row) => row.description.includes('Leupay'))?.description).toBe(
        'IOF de "Leupay.Eu" & Whoelse',
      );
      const payments = card!.rows.filter((row) => row.description.startsWith('Pagamento recebido'));
      expect(payments.length).toBeGreaterThan(1);
      expect(payments.every((row) => row.kind === 'INCOME')).toBe(true);
    },
    'ofxparserphp-bb-utf8-bytes.ofx': () => {
      const r = parseStatement(file('ofxparserphp-bb-utf8-bytes.ofx'));
      expect(r.detected.encoding).toBe('utf-8');
      expect(allRows(r)).toEqual([
        expect.objectContaining({
          date: '2015-11-03',
          amountMinor: 23955n,
          description: 'DOC CRÉDITO EM CONTA',
        }),
      ]);
    },
    'ofxparserphp-bb-two-stmtrs.ofx': () => {
      const r = parseStatement(file('ofxparserphp-bb-two-stmtrs.ofx'));
      expect(r.detected.encoding).toBe('windows-1252');
      expect(r.accounts.map((a) => [a.id, a.rows.length])).toEqual([
        ['001/455000-5', 0],
        ['001/655000-2', 36],
      ]);
      expect(r.accounts[1]!.rows[0]).toMatchObject({
        line: 60,
        amountMinor: 1331836n,
        description: 'TED-CRÉDITO EM CONTA',
      });
      expect(allRows(r).some((row) => row.description.includes('HONORÁRIOS'))).toBe(true);
    },
    'ofxparse-checking.ofx': () => {
      const r = parseStatement(file('ofxparse-checking.ofx'));
      const [account] = r.accounts;
      expect(account).toMatchObject({
        id: '5472369148/1452687~7',
        currency: 'USD',
        balance: { amountMinor: 10099n },
      });
      expect(account!.rows.map((row) => [row.date, row.amountMinor])).toEqual([
        ['2011-03-31', 1n],
        ['2011-04-05', -3451n],
        expect.any(Array),
      ]);
      // NAME is truncated, MEMO has it all.
      expect(account!.rows[0]!.description).toMatch(
        /^DIVIDEND EARNED FOR PERIOD OF 03\/01\/2011 THROUGH/,
      );
      expect(account!.rows[0]!.payee).toBe('DIVIDEND EARNED FOR PERIOD OF 03');
    },
    'ofxparse-anzcc.ofx': () => {
      const r = parseStatement(file('ofxparse-anzcc.ofx'));
      expect(r.accounts).toEqual([
        expect.objectContaining({ id: '1234123412341234', type: 'CREDIT_CARD', currency: 'AUD' }),
      ]);
      expect(allRows(r)).toEqual([
        expect.objectContaining({ date: '2017-05-08', amountMinor: -550n }),
      ]);
      expect(r.accounts[0]!.balance).toEqual({ amountMinor: -12345n, date: '2017-05-10' });
    },
    'ofxparse-multiple-accounts.ofx': () => {
      const r = parseStatement(file('ofxparse-multiple-accounts.ofx'));
      expect(r.accounts.map((a) => [a.id, a.rows.length, a.balance?.amountMinor])).toEqual([
        ['123/00/9100', 0, 11100n],
        ['123/00/9200', 0, 22200n],
      ]);
    },
    'ofxparse-suncorp.ofx': () => {
      const r = parseStatement(file('ofxparse-suncorp.ofx'));
      expect(allRows(r)).toEqual([
        expect.objectContaining({
          date: '2013-12-15',
          amountMinor: -1685n,
          description: 'EFTPOS WDL HANDYWAY ALDI STORE   GEELONG WEST VICAU',
          payee: 'EFTPOS WDL HANDYWAY ALDI STORE',
        }),
      ]);
    },
    'ofxparse-v102-empty-tags.ofx': () => {
      const r = parseStatement(file('ofxparse-v102-empty-tags.ofx'));
      const [account] = r.accounts;
      // Empty CURDEF falls back to BRL; empty BALAMT means no balance; empty FITID no id.
      expect(account).toMatchObject({ id: 'NPBS/12345678', currency: 'BRL' });
      expect(account!.balance).toBeUndefined();
      expect(account!.rows).toEqual([
        {
          line: 23,
          date: '2018-05-07',
          amountMinor: 1234n,
          currency: 'BRL',
          kind: 'INCOME',
          description: 'CBA:Transfer',
          bankType: 'Credit',
        },
      ]);
    },
    'ofxparse-investment-medium.ofx': () => {
      const error = statementError(() => parseStatement(file('ofxparse-investment-medium.ofx')));
      expect(error.message).toMatch(/investment statement/);
    },
    'ofxparse-date-missing.ofx': () => {
      const r = parseStatement(file('ofxparse-date-missing.ofx'));
      expect(r.format).toBe('OFX');
      expect(allRows(r)).toEqual([]);
      expect(r.invalid).toEqual([
        { line: 33, message: 'A transaction without a date (DTPOSTED)' },
        { line: 40, message: 'A transaction without a date (DTPOSTED)' },
        { line: 48, message: 'Invalid date "20120231" (DTPOSTED)' },
      ]);
    },
    'actual-1252.qfx': () => {
      const r = parseStatement(file('actual-1252.qfx'));
      expect(r.detected.encoding).toBe('windows-1252');
      expect(allRows(r)).toEqual([
        expect.objectContaining({
          date: '2022-10-19',
          amountMinor: -2000n,
          currency: 'CAD',
          description: 'Paiement 5€ — débit',
          payee: 'Café Métro €uro',
          externalId: 'cafe1252xx',
        }),
      ]);
    },
    'actual-8859-1.qfx': () => {
      const r = parseStatement(file('actual-8859-1.qfx'));
      expect(allRows(r)).toEqual([
        expect.objectContaining({
          amountMinor: -2000n,
          payee: 'Paiement facture/Carte prépayée',
          description: 'PWW',
        }),
      ]);
    },
    'actual-html-vals.qfx': () => {
      const r = parseStatement(file('actual-html-vals.qfx'));
      const [account] = r.accounts;
      expect(account).toMatchObject({ id: '000000000/00000 00-00000', currency: 'CAD' });
      expect(account!.rows.map((row) => [row.line, row.description, row.payee])).toEqual([
        [
          15,
          'PREAUTHORIZED DEBIT;B.C. HYDRO & POWER AUTHORITY;Electronic Funds Transfer',
          undefined,
        ],
        [
          16,
          'PREAUTHORIZED DEBIT;LUXMORE REALTY PPTY MGMT;Electronic Funds Transfer',
          'TPAY <DEFTPYMT>',
        ],
      ]);
    },
    'actual-windows-1252.csv': () => {
      const r = parseStatement(file('actual-windows-1252.csv'));
      expect(r.detected).toMatchObject({
        encoding: 'windows-1252',
        delimiter: ',',
        dateFormat: 'yyyy.MM.dd',
      });
      expect(
        allRows(r).map((row) => [row.line, row.date, row.amountMinor, row.description]),
      ).toEqual([
        [2, '2025-12-04', 10025n, 'Café Rémy'],
        [3, '2025-12-05', -4210n, 'Boulangerie Müller'],
      ]);
    },
    'actual-utf-8-bom.csv': () => {
      const error = statementError(() => parseStatement(file('actual-utf-8-bom.csv')));
      expect(error.message).toMatch(/Could not find the date and amount columns.*Felhasználónév/);
      expect(error.line).toBe(1);
      const mapping = { date: 'Könyvelés dátuma', amount: 'Összeg', description: 'Felhasználónév' };
      const r = parseStatement(file('actual-utf-8-bom.csv'), { csv: { mapping } });
      expect(r.accounts.map((a) => a.currency)).toEqual(['HUF']);
      expect(
        allRows(r).map((row) => [row.line, row.date, row.amountMinor, row.description]),
      ).toEqual([
        [2, '2025-12-04', 10000n, 'tariff package name'],
        [3, '2025-12-01', 10000n, 'tariff package name'],
      ]);
    },
    'csv2ofx-gls-latin1.csv': () => {
      const r = parseStatement(file('csv2ofx-gls-latin1.csv'));
      expect(r.detected).toMatchObject({
        encoding: 'windows-1252',
        delimiter: ';',
        decimalSeparator: ',',
      });
      expect(r.accounts).toEqual([
        {
          id: '1234567890',
          type: 'BANK',
          currency: 'EUR',
          rows: [
            {
              line: 2,
              date: '2017-10-10',
              amountMinor: -9876n,
              currency: 'EUR',
              kind: 'EXPENSE',
              description: 'SEPA-Basislastschrift',
              payee: 'Drillisch Online AG',
            },
          ],
        },
      ]);
    },
    'csv2ofx-ubs-ch-fr.csv': () => {
      const mapping = {
        date: 'Date de valeur',
        description: 'Description 1',
        debit: 'Débit',
        credit: 'Crédit',
      };
      const r = parseStatement(file('csv2ofx-ubs-ch-fr.csv'), {
        csv: { mapping: { ...mapping, externalId: 'N° de transaction' } },
      });
      expect(
        allRows(r).map((row) => [row.date, row.amountMinor, row.description, row.externalId]),
      ).toEqual([
        ['2019-03-31', -1000n, 'Solde prix prestations', 'A01234BC01234567'],
        ['2019-02-28', 24000n, 'Virement postal', '3456789ZT1234567'],
        ['2019-04-27', -20000n, 'Ordre e-banking', '9979360TI2115087'],
      ]);
      expect(r.accounts[0]!.currency).toBe('CHF');
      // Detected without a mapping too: Débit/Crédit pair, dd.MM.yyyy, the account column.
      const auto = parseStatement(file('csv2ofx-ubs-ch-fr.csv'));
      expect(auto.accounts[0]!.id).toBe('0123 45678901.23A');
      expect(allRows(auto).map((row) => row.amountMinor)).toEqual([-1000n, 24000n, -20000n]);
    },
    'genkgo-camt053-v2-multi-statement.xml': () => {
      const r = parseStatement(file('genkgo-camt053-v2-multi-statement.xml'));
      expect(r.format).toBe('CAMT053');
      expect(r.accounts).toHaveLength(1); // two Stmt for the same IBAN
      const [account] = r.accounts;
      expect(account).toMatchObject({ id: 'NL26VAYB8060476890', currency: 'EUR' });
      expect(account!.balance).toEqual({ amountMinor: 2000n, date: '2014-12-31' });
      expect(account!.rows).toEqual([
        expect.objectContaining({
          line: 66,
          date: '2015-01-02',
          amountMinor: 885n,
          description: 'Transaction Description 1',
        }),
        expect.objectContaining({
          line: 145,
          date: '2015-01-02',
          amountMinor: -700n,
          kind: 'EXPENSE',
          payee: 'Company Name 2',
          description: 'Transaction Description 2',
        }),
      ]);
    },
    'actual-camt052-latin1.xml': () => {
      const r = parseStatement(file('actual-camt052-latin1.xml'));
      expect(r.format).toBe('CAMT052');
      expect(r.accounts[0]).toMatchObject({ id: 'DE00000000000000000000', currency: 'EUR' });
      expect(allRows(r)).toEqual([
        expect.objectContaining({
          date: '2025-09-09',
          amountMinor: 10000n,
          description: 'M-Überschusssparen',
          externalId: '2025090900000000',
        }),
        expect.objectContaining({
          amountMinor: -500n,
          description: 'Restaurant Schrödingers Katze und Café Ünique',
          payee: 'Grüße aus München',
          externalId: '2025090900000001',
        }),
      ]);
    },
  };

  for (const [name, check] of Object.entries(tested)) it(`reads ${name}`, check);
});
