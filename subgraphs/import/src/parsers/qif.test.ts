import { parseStatement } from './index';
import { allRows, fixture, statementError } from './test-helpers';

describe('QIF', () => {
  it('reads a pt-BR bank QIF in CP1252 with comma decimals; an impossible date is invalid', () => {
    const r = parseStatement(fixture('own/bank-ptbr.qif'));
    expect(r.format).toBe('QIF');
    expect(r.detected).toMatchObject({
      encoding: 'windows-1252',
      dateFormat: 'dd/MM/yyyy',
      decimalSeparator: ',',
    });
    expect(r.accounts.map((a) => [a.id, a.type])).toEqual([['qif', 'BANK']]);
    expect(allRows(r)).toEqual([
      {
        line: 2,
        date: '2024-03-15',
        amountMinor: -4590n,
        currency: 'BRL',
        kind: 'EXPENSE',
        description: 'Compra no débito',
        payee: 'Padaria Pão Quente',
      },
      expect.objectContaining({
        line: 7,
        amountMinor: 150000n,
        description: 'Empresa Ltda',
        bankType: 'TED',
      }),
    ]);
    expect(r.invalid).toEqual([{ line: 12, message: 'Invalid date "31/02/2024"' }]);
  });

  it("reads a card QIF named by its !Account block, with M/d'yy dates and U amounts", () => {
    const r = parseStatement(fixture('own/card-us.qif'));
    expect(r.detected.dateFormat).toBe('MM/dd/yy');
    expect(r.accounts.map((a) => [a.id, a.type])).toEqual([['Visa Gold', 'CREDIT_CARD']]);
    expect(
      allRows(r).map((row) => [row.date, row.amountMinor, row.description, row.installment]),
    ).toEqual([
      ['2024-03-15', -2345n, 'COFFEE SHOP', undefined],
      ['2024-03-16', -12000n, 'AIRLINE 2/6', { number: 2, count: 6 }],
      ['2024-03-20', 50000n, 'PAYMENT THANK YOU', undefined],
    ]);
  });

  it('refuses investment QIF and data before a !Type header', () => {
    const invest = Buffer.from('!Type:Invst\nD01/01/2024\nNBuy\n^\n');
    expect(statementError(() => parseStatement(invest)).message).toMatch(/investment QIF/);
    const bare = Buffer.from('!Option:AutoSwitch\nD01/01/2024\n^\n');
    expect(statementError(() => parseStatement(bare))).toMatchObject({ line: 2 });
  });
});
