import { newId } from '@saldo/kit';
import { errorCode, publishAs, waitForHandled } from '@saldo/kit/testing';
import { statement, type FakeStatement } from './fake-parser';
import { entrySnapshot, startImportForTest, type Api, type TestImport } from './helpers';

describe('startImport -> PREVIEW, rows, duplicates', () => {
  let t: TestImport;

  beforeAll(async () => {
    t = await startImportForTest('import_preview');
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function preview(api: Api, s: FakeStatement, extra: Record<string, unknown> = {}) {
    const fileId = await api.fileId(statement(s));
    const accountId = (extra['accountId'] as string | undefined) ?? newId();
    return { accountId, job: await api.start({ fileId, accountId, ...extra }) };
  }

  it('shows every row, nothing excluded when the account is empty', async () => {
    const ana = t.as();
    const { job } = await preview(ana, {
      accounts: [
        {
          id: '001/1234/5678',
          rows: [
            { date: '2026-03-01', amount: '-12.34', description: 'PADARIA', externalId: 'F1' },
            { date: '2026-03-02', amount: '1500.00', description: 'SALARIO', externalId: 'F2' },
          ],
        },
      ],
      invalid: [{ line: 9, message: 'Unreadable amount "1,2,3"' }],
    });
    expect(job.status).toBe('PREVIEW');
    expect(job.totals).toEqual({
      rows: 2,
      new: 2,
      duplicates: 0,
      excluded: 0,
      invalid: 1,
      imported: 0,
    });
    expect(job.errors).toEqual([{ line: 9, message: 'Unreadable amount "1,2,3"' }]);
    expect(job.statementAccounts).toEqual([
      { id: '001/1234/5678', type: 'BANK', currency: 'BRL', rows: 2, chosen: true },
    ]);
    const rows = await ana.rows(job.id);
    expect(rows.map((r) => [r.line, r.date, r.amount.amount, r.included])).toEqual([
      [1, '2026-03-01', '-12.34', true],
      [2, '2026-03-02', '1500.00', true],
    ]);
  });

  it('finds duplicates by bank id, then by amount and closest date; each entry matches once', async () => {
    const ana = t.as();
    const accountId = newId();
    const known = [
      entrySnapshot(ana.userId, accountId, {
        date: '2026-03-01',
        amount: '-50.00',
        description: 'anything',
        externalId: 'FIT-1',
        source: 'IMPORT',
      }),
      entrySnapshot(ana.userId, accountId, {
        date: '2026-03-10',
        amount: '-20.00',
        description: 'Uber trip',
      }),
      // Same amount, further away: the row three days off takes the closer entry.
      entrySnapshot(ana.userId, accountId, {
        date: '2026-03-18',
        amount: '-20.00',
        description: 'Uber trip',
      }),
      // Another account: never a duplicate here.
      entrySnapshot(ana.userId, newId(), {
        date: '2026-03-05',
        amount: '-9.99',
        description: 'Netflix',
      }),
    ];
    const events = [];
    for (const entry of known)
      events.push(await publishAs(t.subgraph, 'ledger.entry.created', ana.userId, { entry }));
    await waitForHandled(t.subgraph, events);

    const { job } = await preview(
      ana,
      {
        accounts: [
          {
            id: 'acc',
            rows: [
              { date: '2026-03-03', amount: '-50.00', description: 'x', externalId: 'FIT-1' },
              { date: '2026-03-11', amount: '-20.00', description: 'UBER *TRIP' },
              { date: '2026-03-12', amount: '-20.00', description: 'UBER *TRIP' },
              { date: '2026-03-12', amount: '-20.00', description: 'UBER *TRIP' },
              { date: '2026-03-05', amount: '-9.99', description: 'NETFLIX' },
            ],
          },
        ],
      },
      { accountId },
    );
    const rows = await ana.rows(job.id);
    expect(
      rows.map((r) => [r.line, r.duplicateReason, r.duplicateOf?.id ?? null, r.included]),
    ).toEqual([
      [1, 'EXTERNAL_ID', known[0]!.id, false],
      [2, 'SIMILAR', known[1]!.id, false],
      [3, 'SIMILAR', known[2]!.id, false],
      [4, null, null, true],
      [5, null, null, true],
    ]);
    expect(job.totals).toMatchObject({ rows: 5, duplicates: 3, new: 2, excluded: 3 });
    expect((await ana.rows(job.id, { duplicate: true })).map((r) => r.line)).toEqual([1, 2, 3]);
    expect((await ana.rows(job.id, { included: true })).map((r) => r.line)).toEqual([4, 5]);
  });

  it('keeps two identical rows the bank gave distinct ids; drops a row sent twice with one id', async () => {
    const ana = t.as();
    const same = { date: '2026-04-01', amount: '-7.00', description: 'CAFE' };
    const { job } = await preview(ana, {
      accounts: [
        {
          id: 'acc',
          rows: [
            { ...same, externalId: 'A' },
            { ...same, externalId: 'B' },
            { ...same, externalId: 'B' },
            // One FITID for two installments (Banco do Brasil): two purchases.
            { ...same, externalId: 'P', installment: { number: 1, count: 3 } },
            { ...same, externalId: 'P', installment: { number: 2, count: 3 } },
          ],
        },
      ],
    });
    const rows = await ana.rows(job.id);
    expect(rows.map((r) => r.included)).toEqual([true, true, false, true, true]);
    expect(rows[2]!.duplicateReason).toBe('EXTERNAL_ID');
  });

  it('suggests the category of your past entries with the same description', async () => {
    const ana = t.as();
    const accountId = newId();
    const categoryId = newId();
    const entry = {
      ...entrySnapshot(ana.userId, newId(), {
        date: '2025-01-01',
        amount: '-30.00',
        description: 'Posto Shell',
      }),
      categoryId,
    };
    await waitForHandled(
      t.subgraph,
      await publishAs(t.subgraph, 'ledger.entry.created', ana.userId, { entry }),
    );
    const { job } = await preview(
      ana,
      {
        accounts: [
          { id: 'a', rows: [{ date: '2026-03-01', amount: '-80.00', description: 'POSTO SHELL' }] },
        ],
      },
      { accountId },
    );
    expect((await ana.rows(job.id))[0]!.categoryId).toBe(categoryId);
  });

  it('chooses the statement asked for in a file with several, and lists them all', async () => {
    const ana = t.as();
    const s: FakeStatement = {
      accounts: [
        { id: 'one', rows: [{ date: '2026-03-01', amount: '-1.00', description: 'a' }] },
        { id: 'two', rows: [{ date: '2026-03-01', amount: '-2.00', description: 'b' }] },
      ],
    };
    const { job } = await preview(ana, s, { statementAccountId: 'two' });
    expect(job.statementAccounts.map((a) => [a.id, a.chosen])).toEqual([
      ['one', false],
      ['two', true],
    ]);
    expect((await ana.rows(job.id))[0]!.amount.amount).toBe('-2.00');
    const missing = await preview(ana, s, { statementAccountId: 'three' });
    expect(missing.job.status).toBe('FAILED');
    expect(missing.job.errors[0]!.message).toMatch(/No statement three.*one, two/);
  });

  it('fails clearly: a parser refusal with its line, a parser crash, a card statement for an account', async () => {
    const ana = t.as();
    const refused = await preview(ana, {
      fail: { message: 'A binary file', line: 3 },
      accounts: [],
    });
    expect(refused.job).toMatchObject({
      status: 'FAILED',
      errors: [{ line: 3, message: 'A binary file' }],
    });
    const crashed = await preview(ana, { crash: true, accounts: [] });
    expect(crashed.job.errors).toEqual([
      { line: null, message: 'The file could not be read as a statement' },
    ]);
    const card = await preview(ana, {
      accounts: [{ id: 'c', type: 'CREDIT_CARD', rows: [] }],
    });
    expect(card.job.errors[0]!.message).toMatch(/credit card statement/);
    expect((await ana.rows(card.job.id)).length).toBe(0);
  });

  it("scopes jobs to their owner: another user's id is NOT_FOUND, lists hold only your own", async () => {
    const ana = t.as();
    const bob = t.as();
    const { job } = await preview(ana, {
      accounts: [{ id: 'a', rows: [{ date: '2026-03-01', amount: '-1.00', description: 'a' }] }],
    });
    expect(
      errorCode(await bob.request('query($id: ID!) { importJob(id: $id) { id } }', { id: job.id })),
    ).toBe('NOT_FOUND');
    for (const m of ['confirmImport', 'cancelImport']) {
      const r = await bob.request(`mutation($id: ID!) { ${m}(jobId: $id) { id } }`, { id: job.id });
      expect(errorCode(r)).toBe('NOT_FOUND');
    }
    const list = await bob.ok<{ importJobs: { edges: unknown[] } }>(
      '{ importJobs { edges { cursor } } }',
    );
    expect(list.importJobs.edges).toEqual([]);
    const mine = await ana.ok<{ importJobs: { edges: { node: { id: string } }[] } }>(
      '{ importJobs(first: 1) { edges { node { id } } pageInfo { hasNextPage } } }',
    );
    expect(mine.importJobs.edges[0]!.node.id).toBe(job.id);
    const entities = await bob.ok<{ _entities: unknown[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on ImportJob { id } } }',
      { r: [{ __typename: 'ImportJob', id: job.id }] },
    );
    expect(entities._entities).toEqual([null]);
  });

  it('edits rows in PREVIEW, then cancel drops the file and refuses further edits', async () => {
    const ana = t.as();
    const { job } = await preview(ana, {
      accounts: [{ id: 'a', rows: [{ date: '2026-03-01', amount: '-1.00', description: 'a' }] }],
    });
    const [row] = await ana.rows(job.id);
    const categoryId = newId();
    await ana.ok(
      'mutation($id: ID!, $c: [ImportRowChangeInput!]!) { updateImportRows(jobId: $id, changes: $c) { id } }',
      { id: job.id, c: [{ rowId: row!.id, included: false, categoryId, description: ' Pão ' }] },
    );
    const [edited] = await ana.rows(job.id);
    expect(edited).toMatchObject({ included: false, categoryId, description: 'Pão' });
    const other = await ana.request(
      'mutation($id: ID!, $c: [ImportRowChangeInput!]!) { updateImportRows(jobId: $id, changes: $c) { id } }',
      { id: job.id, c: [{ rowId: newId(), included: true }] },
    );
    expect(errorCode(other)).toBe('NOT_FOUND');

    const cancelled = await ana.ok<{ cancelImport: { status: string } }>(
      'mutation($id: ID!) { cancelImport(jobId: $id) { status } }',
      { id: job.id },
    );
    expect(cancelled.cancelImport.status).toBe('CANCELLED');
    expect(await t.query('select id from files where user_id = ?', [ana.userId])).toEqual([]);
    const late = await ana.request(
      'mutation($id: ID!, $c: [ImportRowChangeInput!]!) { updateImportRows(jobId: $id, changes: $c) { id } }',
      { id: job.id, c: [{ rowId: row!.id, included: true }] },
    );
    expect(errorCode(late)).toBe('INVALID_STATE');
  });

  it('saves CSV mappings by name and lists only your own', async () => {
    const ana = t.as();
    const mapping = { date: 'Data', description: 'Histórico', amount: '3' };
    await ana.ok(
      'mutation($m: CsvMappingInput!) { saveCsvMapping(name: "meu banco", mapping: $m) { id } }',
      {
        m: mapping,
      },
    );
    const saved = await ana.ok<{
      csvMappings: { name: string; mapping: Record<string, unknown> }[];
    }>('{ csvMappings { name mapping { date description amount debit } } }');
    expect(saved.csvMappings).toEqual([
      {
        name: 'meu banco',
        mapping: { date: 'Data', description: 'Histórico', amount: '3', debit: null },
      },
    ]);
    expect(
      (await t.as().ok<{ csvMappings: unknown[] }>('{ csvMappings { name } }')).csvMappings,
    ).toEqual([]);
    const bad = await ana.request(
      'mutation($m: CsvMappingInput!) { saveCsvMapping(name: "x", mapping: $m) { id } }',
      { m: { date: 'Data', description: 'H' } },
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });
});
