import { newId, type Clock } from '@saldo/kit';
import type { EventData, EventType } from '@saldo/events';
import {
  mintToken,
  publishAs,
  startTestSubgraph,
  waitForHandled,
  type TestClient,
  type TestSubgraph,
} from '@saldo/kit/testing';
import { startBilling, type BillingSubgraph } from '../src/app';
import type { BillingConfig } from '../src/config';

export const LINK_SECRET = 'test-link-secret-0123456789abcdefghijklmnop';
export const PUBLIC_URL = 'https://saldo.test';

/** A complete profile for Banco do Brasil (7-digit agreement). */
export const COMPLETE_PROFILE = {
  beneficiaryName: 'Padaria Pão Quente Ltda',
  beneficiaryDocument: '11.222.333/0001-81',
  bankCode: '001',
  agency: '1234',
  account: '123456',
  wallet: '17',
  agreement: '1234567',
  pixKey: 'pix@padaria.com.br',
  receivingAccountId: '0190a0b0-0000-7000-8000-0000000000aa',
  senderName: 'Padaria Pão Quente',
};

export const PROFILE_FIELDS = `beneficiaryName beneficiaryDocument bankCode agency account wallet
  agreement pixKey receivingAccountId senderName complete missing problems`;

export const CHARGE_FIELDS = `id debtId payer { name governmentId email } amount { amount currency }
  dueDate status boleto { ourNumber barcode digitableLine pdfUrl } pix { brCode }
  sentAt paidAt paidAmount { amount currency } failureReason ledgerEntryId ledgerRejection createdAt`;

export interface ChargeData {
  id: string;
  debtId: string;
  payer: { name: string; governmentId: string; email: string };
  amount: { amount: string; currency: string };
  dueDate: string;
  status: string;
  boleto: { ourNumber: string; barcode: string; digitableLine: string; pdfUrl: string } | null;
  pix: { brCode: string } | null;
  sentAt: string | null;
  paidAt: string | null;
  paidAmount: { amount: string; currency: string } | null;
  failureReason: string | null;
  ledgerEntryId: string | null;
  ledgerRejection: string | null;
}

export const chargeInput = (debtId: string, overrides: Record<string, unknown> = {}) => ({
  debtId,
  payer: { name: 'Maria da Silva', governmentId: '529.982.247-25', email: 'maria@example.com' },
  amount: '150.75',
  dueDate: '2026-12-20',
  ...overrides,
});

export interface Upload {
  status: number;
  body: Record<string, unknown>;
}

/** Sends a file to billing's `POST /files` as the router does (the caller's internal token). */
export async function uploadFile(
  filesUrl: string,
  userId: string,
  body: Buffer,
  filename = 'cobrancas.csv',
  scopes: string[] = ['billing:write'],
): Promise<Upload> {
  const token = await mintToken('billing', { sub: userId, scopes });
  const response = await fetch(filesUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-filename': encodeURIComponent(filename) },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** One user's view of billing's GraphQL API. */
export class Api {
  constructor(
    readonly client: TestClient,
    readonly userId: string,
  ) {}

  request<T = Record<string, unknown>>(q: string, variables: Record<string, unknown> = {}) {
    return this.client.request<T>(q, variables);
  }

  ok<T = Record<string, unknown>>(q: string, variables: Record<string, unknown> = {}) {
    return this.client.ok<T>(q, variables);
  }

  updateProfile(input: Record<string, unknown>) {
    return this.request<{ updateBillingProfile: Record<string, unknown> }>(
      `mutation($input: UpdateBillingProfileInput!) {
         updateBillingProfile(input: $input) { ${PROFILE_FIELDS} } }`,
      { input },
    );
  }

  async profile() {
    return (
      await this.ok<{ billingProfile: Record<string, unknown> }>(
        `{ billingProfile { ${PROFILE_FIELDS} } }`,
      )
    ).billingProfile;
  }

  createCharge(input: Record<string, unknown>) {
    return this.request<{ createCharge: ChargeData }>(
      `mutation($input: CreateChargeInput!) { createCharge(input: $input) { ${CHARGE_FIELDS} } }`,
      { input },
    );
  }

  async charge(id: string) {
    return this.request<{ charge: ChargeData }>(
      `query($id: ID!) { charge(id: $id) { ${CHARGE_FIELDS} } }`,
      { id },
    );
  }

  mutate(name: 'cancelCharge' | 'resendCharge', id: string) {
    return this.request<Record<string, ChargeData>>(
      `mutation($id: ID!) { ${name}(id: $id) { ${CHARGE_FIELDS} } }`,
      { id },
    );
  }

  pay(input: Record<string, unknown>) {
    return this.request<{ registerChargePayment: ChargeData }>(
      `mutation($input: RegisterChargePaymentInput!) {
         registerChargePayment(input: $input) { ${CHARGE_FIELDS} } }`,
      { input },
    );
  }

  async list(filter: Record<string, unknown> | null = null, first = 50, after?: string) {
    return (
      await this.ok<{
        charges: {
          edges: { node: ChargeData }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      }>(
        `query($filter: ChargeFilter, $first: Int, $after: String) {
           charges(filter: $filter, first: $first, after: $after) {
             edges { node { ${CHARGE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
        { filter, first, after },
      )
    ).charges;
  }
}

export interface TestBilling {
  t: TestSubgraph<BillingSubgraph>;
  subgraph: BillingSubgraph;
  as(userId?: string, scopes?: readonly string[]): Api;
  /** A user with a complete profile. */
  beneficiary(): Promise<Api>;
  /** Publishes as the producing domain would and waits until billing handled it. */
  publish<T extends EventType>(type: T, userId: string | null, data: EventData<T>): Promise<void>;
  query: TestSubgraph<BillingSubgraph>['query'];
  stop(): Promise<void>;
}

/** Billing on a fresh database and NATS namespace. */
export async function startBillingForTest(
  name: string,
  config: Partial<BillingConfig> = {},
  options: { clock?: Clock } = {},
): Promise<TestBilling> {
  const t = await startTestSubgraph<BillingSubgraph, BillingConfig>(
    name,
    (c, db) => startBilling(c, db, { clock: options.clock }),
    { BILLING_LINK_SECRET: LINK_SECRET, BILLING_PUBLIC_URL: PUBLIC_URL, ...config },
  );
  const { messaging } = t.subgraph;
  for (const domain of ['identity', 'ledger', 'notifications'] as const)
    await messaging.ensureDomainStream(domain);
  const as = (userId = newId(), scopes?: readonly string[]) =>
    new Api(scopes ? t.client.as(userId, scopes) : t.client.as(userId), userId);
  return {
    t,
    subgraph: t.subgraph,
    as,
    beneficiary: async () => {
      const api = as();
      const result = await api.updateProfile(COMPLETE_PROFILE);
      if (result.errors) throw new Error(`profile: ${JSON.stringify(result.errors)}`);
      return api;
    },
    publish: async (type, userId, data) => {
      const envelope = await publishAs(t.subgraph, type, userId, data);
      await waitForHandled(t.subgraph, envelope, { timeoutMs: 20_000 });
    },
    query: t.query,
    stop: () => t.cleanup(),
  };
}

/** CRC16-CCITT (poly 0x1021, init 0xFFFF) as hex, the BR Code's tag 63. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i += 1) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** The 44-digit barcode a digitable line stands for (FEBRABAN field order). */
export function barcodeOfLine(line: string): string {
  return (
    line.slice(0, 4) +
    line.slice(32, 33) +
    line.slice(33, 47) +
    line.slice(4, 9) +
    line.slice(10, 20) +
    line.slice(21, 31)
  );
}
