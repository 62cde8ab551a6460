import { barcodeFromDigitableLine, mod10, mod11Barcode } from './boleto';
import { bankProblems, bradescoOurNumberDigit, buildBoleto, type BeneficiaryBank } from './banks';

const bb = (over: Partial<BeneficiaryBank> = {}): BeneficiaryBank => ({
  bankCode: '001',
  agency: '1234-5',
  account: '12345-6',
  wallet: '11',
  agreement: '1234567',
  ...over,
});

const bradesco = (over: Partial<BeneficiaryBank> = {}): BeneficiaryBank => ({
  bankCode: '237',
  agency: '1100-0',
  account: '0102003-4',
  wallet: '06',
  agreement: '',
  ...over,
});

/** Every DV of a line: three mod-10 fields and the barcode's mod-11. */
function assertAllDigits(line: string, barcode: string): void {
  expect(line.charCodeAt(9) - 48).toBe(mod10(line.slice(0, 9)));
  expect(line.charCodeAt(20) - 48).toBe(mod10(line.slice(10, 20)));
  expect(line.charCodeAt(31) - 48).toBe(mod10(line.slice(21, 31)));
  expect(barcode.charCodeAt(4) - 48).toBe(mod11Barcode(barcode.slice(0, 4) + barcode.slice(5)));
  expect(barcodeFromDigitableLine(line)).toBe(barcode);
}

describe('Banco do Brasil, convênio of 7 digits', () => {
  // Published BB pairs: 2026-01-02, convênio 1234567, carteira 11, our-number 12345670000000321,
  // R$ 804.00 (Boleto2Net BB carteira 11/019 homologation cases) and a carteira 18 line from brcobranca.
  it('reproduces the published 2026 line 00190.00009 01234.567004 00000.321117 2 13140000080400', () => {
    const r = buildBoleto(bb(), 321n, '2026-01-02', 80400n);
    expect(r.ourNumber).toBe('12345670000000321');
    expect(r.barcode).toBe('00192131400000804000000001234567000000032111');
    expect(r.digitableLine).toBe('00190000090123456700400000321117213140000080400');
    assertAllDigits(r.digitableLine, r.barcode);
  });

  it('reproduces the published carteira 18 line 00190.00009 01238.798779 77700.168188 2 37690000013500', () => {
    const r = buildBoleto(
      bb({ agreement: '1238798', wallet: '18' }),
      7777700168n,
      '2008-02-01',
      13500n,
    );
    expect(r.ourNumber).toBe('12387987777700168');
    expect(r.digitableLine).toBe('00190000090123879877977700168188237690000013500');
    assertAllDigits(r.digitableLine, r.barcode);
  });

  it('reports convênio and carteira problems, and rejects them when building', () => {
    const b = bb({ agreement: '123456', wallet: '99' });
    expect(bankProblems(b)).toEqual([
      expect.stringMatching(/convênio .* 7 digits/),
      expect.stringMatching(/carteira/),
    ]);
    expect(() => buildBoleto(b, 1n, '2026-01-02', 100n)).toThrow(/7 digits/);
  });

  it('refuses sequences below 1 or beyond 10 digits', () => {
    expect(() => buildBoleto(bb(), 0n, '2026-01-02', 100n)).toThrow(RangeError);
    expect(buildBoleto(bb(), 9_999_999_999n, '2026-01-02', 100n).ourNumber).toBe(
      '12345679999999999',
    );
    expect(() => buildBoleto(bb(), 10_000_000_000n, '2026-01-02', 100n)).toThrow(RangeError);
  });
});

describe('Bradesco', () => {
  // Published Bradesco pair (BoletoPhp sample): agência 1100-0, conta 0102003-4, carteira 06,
  // nosso número 06/00000000789-9, due 2016-06-16, R$ 289.90.
  it('reproduces the published line 23791.10006 60000.000079 89010.200304 4 68270000028990', () => {
    const r = buildBoleto(bradesco(), 789n, '2016-06-16', 28990n);
    expect(r.ourNumber).toBe('06/00000000789-9');
    expect(r.barcode).toBe('23794682700000289901100060000000078901020030');
    expect(r.digitableLine).toBe('23791100066000000007989010200304468270000028990');
    assertAllDigits(r.digitableLine, r.barcode);
  });

  it('computes the our-number DV with base 7, P for rest 1 and 0 for rest 0', () => {
    expect(bradescoOurNumberDigit('06', '00000000789')).toBe('9');
    // 1x2 + 9x... : search a sequence for each special rest to pin both branches
    const digits = Array.from({ length: 200 }, (_, n) =>
      bradescoOurNumberDigit('09', String(n).padStart(11, '0')),
    );
    expect(digits).toContain('P');
    expect(digits).toContain('0');
    expect(digits.every((d) => /^[0-9P]$/.test(d))).toBe(true);
  });

  it('builds a 2026 boleto whose line round-trips and whose factor is in the new cycle', () => {
    const r = buildBoleto(bradesco({ wallet: '09' }), 1n, '2026-12-25', 123456n);
    expect(r.barcode.slice(5, 9)).toBe('1671');
    expect(r.barcode.slice(19)).toBe('1100' + '09' + '00000000001' + '0102003' + '0');
    assertAllDigits(r.digitableLine, r.barcode);
  });

  it('reports bad agency, account and carteira', () => {
    expect(
      bankProblems(bradesco({ agency: '11', account: '123456789', wallet: '6' })),
    ).toHaveLength(3);
    expect(bankProblems(bradesco())).toEqual([]);
  });
});

describe('buildBoleto bank-data check', () => {
  it('re-validates when the same beneficiary object is changed after a successful build', () => {
    const b = bb();
    expect(buildBoleto(b, 1n, '2026-01-02', 100n).ourNumber).toBe('12345670000000001');
    b.agreement = '12345';
    expect(() => buildBoleto(b, 2n, '2026-01-02', 100n)).toThrow(/7 digits/);
  });
});

describe('bankProblems', () => {
  it('rejects banks without a layout', () => {
    expect(bankProblems(bb({ bankCode: '341' }))).toEqual([
      expect.stringMatching(/341 is not supported/),
    ]);
  });
});
