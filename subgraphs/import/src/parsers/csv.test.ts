import iconv from 'iconv-lite';
import { parseStatement } from './index';
import { allRows, fixture, statementError } from './test-helpers';

const csv = (text: string) => Buffer.from(text, 'utf8');

describe('CSV presets', () => {
  it('reads a NuConta export with its ids', () => {
    const r = parseStatement(fixture('own/nubank.csv'), { csv: { preset: 'nubank' } });
    expect(r.format).toBe('CSV');
    expect(r.detected).toMatchObject({
      preset: 'nubank',
      delimiter: ',',
      dateFormat: 'dd/MM/yyyy',
    });
    expect(r.accounts.map((a) => [a.id, a.type, a.currency])).toEqual([['nubank', 'BANK', 'BRL']]);
    expect(allRows(r)).toEqual([
      {
        line: 2,
        date: '2024-03-01',
        amountMinor: -4590n,
        currency: 'BRL',
        kind: 'EXPENSE',
        description: 'Compra no débito - Padaria Pão Quente',
        externalId: '65e1a0c2-0001-4b5e-9a1f-000000000001',
      },
      expect.objectContaining({ line: 3, amountMinor: 150000n, kind: 'INCOME' }),
      expect.objectContaining({
        line: 4,
        amountMinor: -123456n,
        description: 'Pagamento de boleto efetuado - CONDOMINIO, BLOCO B',
      }),
    ]);
  });

  it('detects the same NuConta file without a preset', () => {
    const r = parseStatement(fixture('own/nubank.csv'));
    expect(r.detected).toMatchObject({
      preset: 'generic',
      decimalSeparator: '.',
      dateFormat: 'dd/MM/yyyy',
    });
    expect(allRows(r).map((row) => [row.amountMinor, row.externalId?.slice(-1)])).toEqual([
      [-4590n, '1'],
      [150000n, '2'],
      [-123456n, '3'],
    ]);
  });

  it('reads a Nubank card export: purchases leave the card, payments and refunds come in', () => {
    const r = parseStatement(fixture('own/nubank-card.csv'), { csv: { preset: 'nubank-card' } });
    expect(r.accounts.map((a) => a.type)).toEqual(['CREDIT_CARD']);
    expect(allRows(r).map((row) => [row.date, row.amountMinor, row.kind, row.installment])).toEqual(
      [
        ['2024-03-01', -12050n, 'EXPENSE', { number: 3, count: 10 }],
        ['2024-03-02', -2345n, 'EXPENSE', undefined],
        ['2024-03-05', 80000n, 'INCOME', undefined],
        ['2024-03-06', 1500n, 'INCOME', undefined],
        ['2024-03-07', -9990n, 'EXPENSE', { number: 3, count: 6 }],
      ],
    );
  });

  it('reads an Inter export in CP1252 after its preamble lines', () => {
    const r = parseStatement(fixture('own/inter.csv'), { csv: { preset: 'inter' } });
    expect(r.detected).toMatchObject({
      encoding: 'windows-1252',
      header: 'line 6',
      decimalSeparator: ',',
    });
    expect(allRows(r).map((row) => [row.line, row.date, row.amountMinor, row.description])).toEqual(
      [
        [7, '2024-03-01', -125000n, 'Pix enviado - Fulano de Tal'],
        [8, '2024-03-02', 300000n, 'Pix recebido - Empresa “Boa” Ltda'],
        [9, '2024-03-03', -9990n, 'Pagamento efetuado - Cartão Inter'],
      ],
    );
  });

  it('reads a headerless Itaú export and flags its balance line', () => {
    const r = parseStatement(fixture('own/itau.csv'), { csv: { preset: 'itau' } });
    expect(r.detected.header).toBe('none');
    expect(r.invalid).toEqual([
      { line: 1, message: 'A balance line ("SALDO ANTERIOR"), not a transaction' },
    ]);
    expect(
      allRows(r).map((row) => [row.line, row.amountMinor, row.description, row.installment]),
    ).toEqual([
      [2, -15000n, 'PIX TRANSF FULANO04/03', undefined],
      [3, 200000n, 'TED 341.1234.JOSÉ', undefined],
      [4, -30000n, 'SISPAG FORNECEDOR PARC 02/05', { number: 2, count: 5 }],
    ]);
    // Inferred from the values when no preset says where the columns are.
    expect(allRows(parseStatement(fixture('own/itau.csv'))).map((row) => row.amountMinor)).toEqual([
      -15000n,
      200000n,
      -30000n,
    ]);
  });

  it('reads a Banco do Brasil export, its two balance lines invalid', () => {
    const r = parseStatement(fixture('own/bb.csv'), { csv: { preset: 'bb' } });
    expect(r.invalid.map((i) => i.line)).toEqual([2, 5]);
    expect(allRows(r)).toEqual([
      expect.objectContaining({
        line: 3,
        amountMinor: -5000n,
        description: 'Pix - Enviado - 04/03 10:21 Fulano',
        externalId: '123456',
      }),
      expect.objectContaining({ line: 4, amountMinor: 20000n, externalId: '123457' }),
    ]);
  });

  it('refuses an unknown preset, naming the known ones', () => {
    expect(
      statementError(() => parseStatement(csv('a,b\n'), { csv: { preset: 'santander' } })).message,
    ).toMatch(
      /Unknown CSV preset "santander" \(known: generic, nubank, nubank-card, inter, itau, bb\)/,
    );
  });
});

describe('CSV detection', () => {
  it('decodes UTF-16 with a BOM (little and big endian)', () => {
    const text = 'Data;Descrição;Valor\n01/02/2024;Café;-1,50\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    for (const [bytes, encoding] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ] as const) {
      const r = parseStatement(bytes);
      expect(r.detected.encoding).toBe(encoding);
      expect(allRows(r).map((row) => [row.description, row.amountMinor])).toEqual([
        ['Café', -150n],
      ]);
    }
  });

  it('detects tabs, MM/dd/yyyy and a debit/credit pair; a bad amount goes to invalid', () => {
    const r = parseStatement(fixture('own/generic-debit-credit.tsv'));
    expect(r.detected).toMatchObject({
      delimiter: '\\t',
      dateFormat: 'MM/dd/yyyy',
      decimalSeparator: '.',
    });
    expect(allRows(r).map((row) => [row.date, row.amountMinor])).toEqual([
      ['2024-03-15', -450n],
      ['2024-03-16', 123456n],
      ['2024-03-17', -100000n],
    ]);
    expect(r.invalid).toEqual([{ line: 5, message: 'Invalid or missing amount "abc"' }]);
  });

  it("follows Excel's sep= hint line", () => {
    // Without the hint `;` would win: it splits every line evenly, and into more fields.
    const r = parseStatement(
      csv('sep=,\nData,Descrição,Valor,Obs;a;b;c;d\n01/02/2024,Café,-1.50,v;w;x;y;z\n'),
    );
    expect(r.detected.delimiter).toBe(',');
    expect(allRows(r).map((row) => [row.line, row.amountMinor])).toEqual([[3, -150n]]);
  });

  it('reads apostrophe thousands and a direction column', () => {
    const text = "Datum;Text;Betrag;D/C\n01.02.2024;Miete;1'234.50;D\n02.02.2024;Lohn;5'000.00;C\n";
    const r = parseStatement(csv(text));
    expect(allRows(r).map((row) => row.amountMinor)).toEqual([-123450n, 500000n]);
  });

  it('reads comma decimals with dot thousands, quoted fields and CRLF', () => {
    const text =
      'Data;Descrição;Valor\r\n"10/01/2024";"Mercado; filial 2";"-1.234,56"\r\n11/01/2024;Pix;"10,5"\r\n';
    const r = parseStatement(csv(text));
    expect(r.detected).toMatchObject({ delimiter: ';', decimalSeparator: ',' });
    expect(allRows(r).map((row) => [row.description, row.amountMinor])).toEqual([
      ['Mercado; filial 2', -123456n],
      ['Pix', 1050n],
    ]);
  });

  it('takes explicit settings over detection: mapping by index, skipRows, dateFormat, decimal, encoding', () => {
    const text =
      'Relatório gerado em 2024\nignore this line too\n2024/03/01|Café|12,30|X1\n2024/03/02|Pão|-1,00|X2\n';
    const bytes = iconv.encode(text, 'latin1');
    const r = parseStatement(bytes, {
      csv: {
        skipRows: 2,
        delimiter: '|',
        encoding: 'latin1',
        dateFormat: 'yyyy/MM/dd',
        decimalSeparator: ',',
        mapping: { date: 0, description: 1, amount: 2, externalId: 3 },
      },
    });
    expect(r.detected).toMatchObject({ encoding: 'latin1', delimiter: '|', header: 'none' });
    expect(
      allRows(r).map((row) => [
        row.line,
        row.date,
        row.description,
        row.amountMinor,
        row.externalId,
      ]),
    ).toEqual([
      [3, '2024-03-01', 'Café', 1230n, 'X1'],
      [4, '2024-03-02', 'Pão', -100n, 'X2'],
    ]);
  });

  it('maps columns by header name, and says which name is missing', () => {
    const text = 'Quando,O quê,Quanto\n05/05/2024,Livro,-30.00\n';
    const r = parseStatement(csv(text), {
      csv: { mapping: { date: 'Quando', description: 'O quê', amount: 'Quanto' } },
    });
    expect(allRows(r)).toEqual([
      expect.objectContaining({ date: '2024-05-05', amountMinor: -3000n }),
    ]);
    const error = statementError(() =>
      parseStatement(csv(text), {
        csv: { mapping: { date: 'Quando', description: 'Nada', amount: 'Quanto' } },
      }),
    );
    expect(error.message).toBe('The header has no column named "Nada"');
  });

  it('puts rows with bad dates in invalid with their line, keeping the rest', () => {
    const text =
      'Data,Descrição,Valor\n01/02/2024,A,1.00\n31/02/2024,B,2.00\n,C,3.00\n03/02/2024,D,4.00\nTotal,,\n';
    const r = parseStatement(csv(text));
    expect(allRows(r).map((row) => row.description)).toEqual(['A', 'D']);
    expect(r.invalid).toEqual([
      { line: 3, message: 'Invalid date "31/02/2024" (expected dd/MM/yyyy)' },
      { line: 4, message: 'A row without a date' },
      { line: 6, message: 'Invalid date "Total" (expected dd/MM/yyyy)' },
    ]);
  });

  it('fails clearly on an unknown date format option and on an unclosed quote', () => {
    const text = 'Data,Descrição,Valor\n01/02/2024,A,1.00\n';
    expect(
      statementError(() => parseStatement(csv(text), { csv: { dateFormat: 'dd de MMMM' } }))
        .message,
    ).toMatch(/Unknown date format "dd de MMMM"/);
    const broken = 'Data,Descrição,Valor\n01/02/2024,"A,1.00\n02/02/2024,B,2.00\n';
    const error = statementError(() => parseStatement(csv(broken)));
    expect(error.message).toMatch(/The CSV cannot be read/);
  });
});
