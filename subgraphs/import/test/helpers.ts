import { newId } from '@saldo/kit';
import type { EntrySnapshot } from '@saldo/events';
import {
  mintToken,
  startTestSubgraph,
  type TestClient,
  type TestSubgraph,
} from '@saldo/kit/testing';
import { startImport, type ImportSubgraph } from '../src/app';
import type { ImportConfig } from '../src/config';
import type { ParseStatement } from '../src/parsers/types';
import { fakeParse } from './fake-parser';

export const JOB_FIELDS = `id status format filename errors { line message }
  statementAccounts { id type currency rows chosen } account { id } card { id }
  totals { rows new duplicates excluded invalid imported } createdAt completedAt`;
export const ROW_FIELDS = `id line date amount { amount currency } kind description externalId
  duplicateOf { id } duplicateReason included categoryId installment { number count } cardMovement`;

export interface JobData {
  id: string;
  status: string;
  errors: { line: number | null; message: string }[];
  statementAccounts: { id: string; chosen: boolean }[];
  totals: Record<'rows' | 'new' | 'duplicates' | 'excluded' | 'invalid' | 'imported', number>;
}

export interface RowData {
  id: string;
  line: number;
  date: string;
  amount: { amount: string };
  description: string;
  duplicateOf: { id: string } | null;
  duplicateReason: string | null;
  included: boolean;
  categoryId: string | null;
  installment: { number: number; count: number } | null;
  cardMovement: string | null;
}

export interface Upload {
  status: number;
  body: Record<string, unknown>;
}

/** One user's view of the import subgraph: uploads (as the router sends them) and GraphQL. */
export class Api {
  constructor(
    readonly client: TestClient,
    readonly userId: string,
    private readonly filesUrl: string,
  ) {}

  ok<T = Record<string, unknown>>(q: string, variables: Record<string, unknown> = {}) {
    return this.client.ok<T>(q, variables);
  }

  request<T = Record<string, unknown>>(q: string, variables: Record<string, unknown> = {}) {
    return this.client.request<T>(q, variables);
  }

  async upload(
    body: Buffer,
    filename = 'extrato.ofx',
    scopes: string[] = ['import:write'],
  ): Promise<Upload> {
    const token = await mintToken('import', { sub: this.userId, scopes });
    const response = await fetch(this.filesUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-filename': filename },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async fileId(body: Buffer): Promise<string> {
    const upload = await this.upload(body);
    if (upload.status !== 201) throw new Error(`upload failed: ${JSON.stringify(upload)}`);
    return upload.body['fileId'] as string;
  }

  async start(input: Record<string, unknown>): Promise<JobData> {
    const data = await this.ok<{ startImport: JobData }>(
      `mutation($input: StartImportInput!) { startImport(input: $input) { ${JOB_FIELDS} } }`,
      { input },
    );
    return data.startImport;
  }

  async job(id: string): Promise<JobData> {
    return (
      await this.ok<{ importJob: JobData }>(
        `query($id: ID!) { importJob(id: $id) { ${JOB_FIELDS} } }`,
        {
          id,
        },
      )
    ).importJob;
  }

  async rows(jobId: string, filter: Record<string, unknown> | null = null): Promise<RowData[]> {
    const data = await this.ok<{ importJob: { rows: { edges: { node: RowData }[] } } }>(
      `query($id: ID!, $filter: ImportRowFilter) { importJob(id: $id) {
         rows(first: 500, filter: $filter) { edges { node { ${ROW_FIELDS} } } } } }`,
      { id: jobId, filter },
    );
    return data.importJob.rows.edges.map((e) => e.node);
  }
}

export interface TestImport {
  subgraph: ImportSubgraph;
  as(userId?: string): Api;
  query: TestSubgraph<ImportSubgraph>['query'];
  stop(): Promise<void>;
}

/** The import subgraph on a fresh database and NATS namespace, with the given parser port. */
export async function startImportForTest(
  name: string,
  config: Partial<ImportConfig> = {},
  parse: ParseStatement = fakeParse,
): Promise<TestImport> {
  const t = await startTestSubgraph<ImportSubgraph, ImportConfig>(
    name,
    (c, db) => startImport(c, db, { parse }),
    { IMPORT_SWEEP_INTERVAL_MS: 0, ...config },
  );
  const filesUrl = t.subgraph.url.replace(/\/graphql$/, '/files');
  return {
    subgraph: t.subgraph,
    as: (userId = newId()) => new Api(t.client.as(userId), userId, filesUrl),
    query: t.query,
    stop: () => t.cleanup(),
  };
}

/** A ledger entry snapshot as the ledger publishes it (an expense or income on `accountId`). */
export function entrySnapshot(
  userId: string,
  accountId: string,
  fields: {
    date: string;
    amount: string;
    description: string;
    externalId?: string;
    source?: string;
  },
): EntrySnapshot {
  const negative = fields.amount.startsWith('-');
  const amount = { amount: fields.amount.replace('-', ''), currency: 'BRL' };
  return {
    id: newId(),
    userId,
    version: 1,
    kind: negative ? 'EXPENSE' : 'INCOME',
    status: 'POSTED',
    amount,
    toAmount: null,
    date: fields.date,
    dueDate: null,
    description: fields.description,
    accountId,
    toAccountId: null,
    categoryId: null,
    tags: [],
    source: (fields.source ?? 'MANUAL') as EntrySnapshot['source'],
    externalId: fields.externalId ?? null,
    postings: [{ accountId, amount: { amount: fields.amount, currency: 'BRL' } }],
    deleted: false,
    updatedAt: new Date().toISOString(),
  };
}
