import { buildPixBrCode, crc16ccitt, isValidBrCode, isValidPixKey, parseEmvFields } from './pix';

// Static BR Code example of the BCB "Manual de Padrões para Iniciação do Pix" (no amount field).
const BCB_SAMPLE =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR' +
  '5913Fulano de Tal6008BRASILIA62070503***63041D3D';

describe('crc16ccitt', () => {
  it('matches the CRC-16/CCITT-FALSE check value for "123456789"', () => {
    expect(crc16ccitt('123456789')).toBe('29B1');
  });

  it("reproduces the BCB sample's CRC 1D3D", () => {
    expect(crc16ccitt(BCB_SAMPLE.slice(0, -4))).toBe('1D3D');
  });
});

describe('isValidBrCode', () => {
  it('accepts the BCB sample', () => expect(isValidBrCode(BCB_SAMPLE)).toBe(true));

  it('rejects a changed character, a wrong CRC and a truncated code', () => {
    expect(isValidBrCode(BCB_SAMPLE.replace('Fulano', 'Fulana'))).toBe(false);
    expect(isValidBrCode(BCB_SAMPLE.slice(0, -4) + '1D3E')).toBe(false);
    expect(isValidBrCode(BCB_SAMPLE.slice(0, -1))).toBe(false);
    expect(isValidBrCode('')).toBe(false);
  });

  it('rejects the widely copied variant that adds 54041.00 but keeps CRC 1D3D', () => {
    const copied = BCB_SAMPLE.replace('5303986', '530398654041.00');
    expect(isValidBrCode(copied)).toBe(false);
    expect(isValidBrCode(copied.slice(0, -4) + crc16ccitt(copied.slice(0, -4)))).toBe(true);
  });
});

describe('buildPixBrCode', () => {
  const input = {
    key: '123e4567-e12b-12d1-a456-426655440000',
    amountCents: 12345n,
    txid: 'FAT2026000123',
    merchantName: 'Padaria São João da Esquina Ltda',
    merchantCity: 'São José dos Campos',
  };

  it('builds the BCB layout with amount, folded name and city, txid and CRC', () => {
    const code = buildPixBrCode(input);
    expect(code).toBe(
      '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000' +
        '52040000530398654061' +
        '23.455802BR5925Padaria Sao Joao da Esqui6015Sao Jose dos Ca' +
        '62170513FAT2026000123' +
        '6304' +
        crc16ccitt(code.slice(0, -4)),
    );
    expect(isValidBrCode(code)).toBe(true);
  });

  it('round-trips: the parsed fields give back what was put in', () => {
    const fields = parseEmvFields(
      buildPixBrCode({ ...input, amountCents: 5n, key: 'ana@example.com' }),
    );
    expect(fields?.get('00')).toBe('01');
    expect(fields?.get('52')).toBe('0000');
    expect(fields?.get('53')).toBe('986');
    expect(fields?.get('54')).toBe('0.05');
    expect(fields?.get('58')).toBe('BR');
    const account = parseEmvFields(fields?.get('26') ?? '');
    expect(account?.get('00')).toBe('br.gov.bcb.pix');
    expect(account?.get('01')).toBe('ana@example.com');
    expect(parseEmvFields(fields?.get('62') ?? '')?.get('05')).toBe('FAT2026000123');
  });

  it('rebuilds the BCB sample with the amount field when given the same data', () => {
    const code = buildPixBrCode({
      key: '123e4567-e12b-12d1-a456-426655440000',
      amountCents: 100n,
      txid: '***',
      merchantName: 'Fulano de Tal',
      merchantCity: 'BRASILIA',
    });
    expect(code.slice(0, -4)).toBe(BCB_SAMPLE.replace('5303986', '530398654041.00').slice(0, -4));
  });

  it('uses *** when no txid is given and rejects a bad txid, key or amount', () => {
    expect(buildPixBrCode({ ...input, txid: '' })).toContain('62070503***6304');
    expect(() => buildPixBrCode({ ...input, txid: 'has-dash' })).toThrow(RangeError);
    expect(() => buildPixBrCode({ ...input, txid: 'A'.repeat(26) })).toThrow(RangeError);
    expect(() => buildPixBrCode({ ...input, key: 'nope' })).toThrow(RangeError);
    expect(() => buildPixBrCode({ ...input, amountCents: 0n })).toThrow(RangeError);
  });
});

describe('isValidPixKey', () => {
  it.each([
    '52998224725',
    '11222333000181',
    '12ABC34501DE35',
    'ana@example.com',
    '+5561912345678',
    '123e4567-e12b-12d1-a456-426655440000',
  ])('accepts %s', (k) => expect(isValidPixKey(k)).toBe(true));

  it.each([
    '52998224724',
    '529.982.247-25',
    '11222333000180',
    '61912345678',
    '+1202555012',
    '+55619123456789',
    '123e4567-e12b-12d1-a456-42665544000',
    `${'a'.repeat(70)}@example.com`,
    '',
  ])('rejects %s', (k) => expect(isValidPixKey(k)).toBe(false));
});
