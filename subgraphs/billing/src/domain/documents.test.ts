import {
  cnpjCheckDigits,
  isValidCnpj,
  isValidCpf,
  isValidEmail,
  parseGovernmentId,
} from './documents';

describe('CPF', () => {
  it.each(['52998224725', '11144477735', '39053344705'])('accepts the valid CPF %s', (cpf) => {
    expect(isValidCpf(cpf)).toBe(true);
  });

  it.each([
    '52998224724',
    '52998224715',
    '11144477734',
    '1114447773',
    '111444777350',
    '1114447773A',
  ])('rejects %s (wrong check digit or shape)', (cpf) => expect(isValidCpf(cpf)).toBe(false));

  it('rejects all-same-digit CPFs even though their check digits add up', () => {
    expect(isValidCpf('11111111111')).toBe(false);
    expect(isValidCpf('00000000000')).toBe(false);
  });
});

describe('CNPJ', () => {
  it.each(['11222333000181', '00000000000191', '60746948000112'])(
    'accepts the numeric CNPJ %s',
    (c) => {
      expect(isValidCnpj(c)).toBe(true);
    },
  );

  it.each([
    '11222333000182',
    '11222333000191',
    '1122233300018',
    'AAAAAAAAAAAAAA',
    '00000000000000',
  ])('rejects %s', (c) => expect(isValidCnpj(c)).toBe(false));

  it("accepts the Receita's alphanumeric example 12.ABC.345/01DE-35 (ASCII - 48 values)", () => {
    expect(cnpjCheckDigits('12ABC34501DE')).toBe('35');
    expect(isValidCnpj('12ABC34501DE35')).toBe(true);
    expect(isValidCnpj('12ABC34501DE36')).toBe(false);
    expect(isValidCnpj('12ABD34501DE35')).toBe(false);
  });

  it('rejects letters in the two check-digit positions and lowercase letters', () => {
    expect(isValidCnpj('12ABC34501DE3A')).toBe(false);
    expect(isValidCnpj('12abc34501de35')).toBe(false);
  });
});

describe('parseGovernmentId', () => {
  it('strips punctuation and spaces, uppercases, and tells CPF from CNPJ', () => {
    expect(parseGovernmentId(' 529.982.247-25 ')).toEqual({ kind: 'CPF', value: '52998224725' });
    expect(parseGovernmentId('11.222.333/0001-81')).toEqual({
      kind: 'CNPJ',
      value: '11222333000181',
    });
    expect(parseGovernmentId('12.abc.345/01de-35')).toEqual({
      kind: 'CNPJ',
      value: '12ABC34501DE35',
    });
  });

  it('returns null for bad check digits, wrong lengths and garbage', () => {
    expect(parseGovernmentId('529.982.247-24')).toBeNull();
    expect(parseGovernmentId('11.222.333/0001-80')).toBeNull();
    expect(parseGovernmentId('123')).toBeNull();
    expect(parseGovernmentId('')).toBeNull();
    expect(parseGovernmentId('529_982_247_25')).toBeNull();
  });
});

describe('isValidEmail', () => {
  it.each(['ana@example.com', 'ana.souza+boletos@mail.empresa.com.br', "o'neil@x.io"])(
    'accepts %s',
    (e) => expect(isValidEmail(e)).toBe(true),
  );

  it.each([
    'ana',
    'ana@',
    '@example.com',
    'ana@example',
    'ana souza@example.com',
    'ana@exa mple.com',
    'ana@@example.com',
    'ana..b@example.com',
    'ana@-example.com',
    `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(250)}.com`,
  ])('rejects %s', (e) => expect(isValidEmail(e)).toBe(false));
});
