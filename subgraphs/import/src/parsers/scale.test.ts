import { generateCsv, generateOfx } from './generate';
import { parseStatement } from './index';

// Correctness at size (no timing here: bench-100k.ts prints the 100k-row figures).
describe('large generated files', () => {
  const rows = 20_000;

  it('reads every row of a large OFX with the right line numbers', () => {
    const r = parseStatement(generateOfx(rows));
    const [account] = r.accounts;
    expect(r.invalid).toEqual([]);
    expect(account!.rows).toHaveLength(rows);
    const last = account!.rows[rows - 1]!;
    expect(last).toMatchObject({
      line: 12 + 7 * (rows - 1), // 11 header lines, 7 lines a transaction
      externalId: String(1_000_000 + rows - 1),
    });
    expect(last.installment).toEqual({ number: ((rows - 1) % 10) + 1, count: 10 });
  });

  it('reads every row of a large CSV', () => {
    const r = parseStatement(generateCsv(rows));
    expect(r.invalid).toEqual([]);
    expect(r.accounts[0]!.rows).toHaveLength(rows);
    expect(r.accounts[0]!.rows[rows - 1]).toMatchObject({
      line: rows + 1,
      description: 'Fulano 459; loja',
    });
  });
});
