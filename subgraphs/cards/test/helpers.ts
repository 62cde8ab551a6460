import { newId } from '@saldo/kit';
import {
  startTestSubgraph,
  type GraphQLResponse,
  type TestClient,
  type TestSubgraph,
} from '@saldo/kit/testing';
import { startCards, type Cards } from '../src/app';
import { ManualClock } from '@saldo/kit';
import type { CardsConfig } from '../src/config';

export const CARD_FIELDS = `id name brand last4 currency closingDay dueDay archived
  limit { amount currency } availableLimit { amount } liabilityAccount { id }
  paymentAccount { id }`;
export const INVOICE_FIELDS = `id month closingDate dueDate status datesAdjusted
  total { amount } paidAmount { amount } pendingAmount { amount } remaining { amount }`;
export const PURCHASE_FIELDS = `id description totalAmount { amount } purchaseDate installmentCount
  installments { number amount { amount } month date invoice { id month } }
  refundedAmount { amount }`;

export interface CardData {
  id: string;
  liabilityAccount: { id: string };
  availableLimit: { amount: string };
}

export interface InvoiceData {
  id: string;
  month: string;
  closingDate: string;
  dueDate: string;
  status: string;
  total: { amount: string };
  paidAmount: { amount: string };
  pendingAmount: { amount: string };
  remaining: { amount: string };
}

export interface PurchaseData {
  id: string;
  installments: {
    number: number;
    amount: { amount: string };
    month: string;
    date: string;
    invoice: { id: string; month: string };
  }[];
}

/** A user's view of cards through GraphQL. */
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

  async card(input: Record<string, unknown> = {}): Promise<CardData> {
    const data = await this.ok<{ createCard: CardData }>(
      `mutation($input: CreateCardInput!) { createCard(input: $input) { ${CARD_FIELDS} } }`,
      {
        input: {
          name: 'Nubank',
          currency: 'BRL',
          limit: '1000.00',
          closingDay: 10,
          dueDay: 20,
          ...input,
        },
      },
    );
    return data.createCard;
  }

  createPurchase(
    input: Record<string, unknown>,
  ): Promise<GraphQLResponse<{ createPurchase: PurchaseData }>> {
    return this.request<{ createPurchase: PurchaseData }>(
      `mutation($input: CreatePurchaseInput!) { createPurchase(input: $input) { ${PURCHASE_FIELDS} } }`,
      { input: { description: 'Mercado', purchaseDate: '2026-03-05', ...input } },
    );
  }

  async purchase(input: Record<string, unknown>): Promise<PurchaseData> {
    const result = await this.createPurchase(input);
    if (!result.data) throw new Error(`createPurchase failed: ${JSON.stringify(result.errors)}`);
    return result.data.createPurchase;
  }

  async available(cardId: string): Promise<string> {
    const data = await this.ok<{ card: CardData }>(
      'query($id: ID!) { card(id: $id) { availableLimit { amount } } }',
      { id: cardId },
    );
    return data.card.availableLimit.amount;
  }

  async invoices(cardId: string): Promise<InvoiceData[]> {
    const data = await this.ok<{ card: { invoices: { edges: { node: InvoiceData }[] } } }>(
      `query($id: ID!) { card(id: $id) { invoices(first: 100) { edges { node { ${INVOICE_FIELDS} } } } } }`,
      { id: cardId },
    );
    return data.card.invoices.edges.map((e) => e.node).reverse();
  }

  async invoice(id: string): Promise<InvoiceData> {
    const data = await this.ok<{ invoice: InvoiceData }>(
      `query($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`,
      { id },
    );
    return data.invoice;
  }
}

export interface TestCards {
  cards: Cards;
  clock: ManualClock;
  as(userId?: string, timeZone?: string): Api;
  /** Raw SQL on cards' database (the kit's `TestSubgraph.query`). */
  query: TestSubgraph<Cards>['query'];
  stop(): Promise<void>;
}

/** The cards subgraph on a fresh database and NATS namespace; its clock in the test's hands. */
export async function startCardsForTest(
  name: string,
  now = '2026-03-05T15:00:00Z',
  config: Partial<CardsConfig> = {},
): Promise<TestCards> {
  const clock = new ManualClock(new Date(now));
  const t = await startTestSubgraph<Cards, CardsConfig>(
    name,
    (c, db) => startCards(c, db, { clock }),
    { CARDS_SCHEDULER_INTERVAL_MS: 0, ...config },
  );
  const { messaging } = t.subgraph;
  await messaging.ensureDomainStream('identity');
  await messaging.ensureDomainStream('ledger');
  return {
    cards: t.subgraph,
    clock,
    as: (userId = newId(), timeZone?: string) =>
      new Api(t.client.as(userId, undefined, timeZone), userId),
    query: t.query,
    stop: () => t.cleanup(),
  };
}
