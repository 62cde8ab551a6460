import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '@saldo/kit';
import { parseStatement } from '../src/parsers';
import { startImportForTest, type TestImport } from './helpers';

const FIXTURES = join(__dirname, 'fixtures/statements');
// Runs once the parsers (ws-parsers: src/parsers/**, test/fixtures/statements) are merged.
const merged = existsSync(FIXTURES);

(merged ? describe : describe.skip)('the import with the real parsers', () => {
  let t: TestImport;

  beforeAll(async () => {
    t = await startImportForTest('import_real_parser', {}, parseStatement);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const start = async (file: string, target: Record<string, string> = { accountId: newId() }) => {
    const ana = t.as();
    const fileId = await ana.fileId(readFileSync(join(FIXTURES, file)));
    return { ana, job: await ana.start({ fileId, ...target }) };
  };

  it('previews a Banco do Brasil OFX in Latin-1 with its FITIDs', async () => {
    const { ana, job } = await start('rubyofx-bb-latin1.ofx');
    expect(job.status).toBe('PREVIEW');
    expect(job.totals.rows).toBeGreaterThan(70);
    const rows = await ana.rows(job.id);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date))).toBe(true);
    expect(rows.some((r) => /TRANSFERÊNCIA|CARTÃO|DÉB/.test(r.description))).toBe(true);
  });

  it('lists both statements of a file with two accounts', async () => {
    const { job } = await start('ofxparse-multiple-accounts.ofx');
    expect(job.statementAccounts).toHaveLength(2);
    expect(job.statementAccounts.filter((a) => a.chosen)).toHaveLength(1);
  });

  it('fails an investment statement with a clear message, and a card statement into an account', async () => {
    const investment = await start('ofxparse-investment-medium.ofx');
    expect(investment.job.status).toBe('FAILED');
    expect(investment.job.errors[0]!.message).toMatch(/invest/i);
    const card = await start('ofxparserphp-nubank-card.ofx');
    expect(card.job.status).toBe('FAILED');
    expect(card.job.errors[0]!.message).toMatch(/credit card statement/);
  });

  it('previews a card statement into a card, with its installments', async () => {
    const { ana, job } = await start('ofxparserphp-nubank-card.ofx', { cardId: newId() });
    expect(job.status).toBe('PREVIEW');
    const rows = await ana.rows(job.id);
    expect(rows.some((r) => r.installment !== null)).toBe(true);
  });
});
