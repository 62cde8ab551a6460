import { newId } from '@saldo/kit';
import { publishAs, publishedEvents, waitForHandled } from '@saldo/kit/testing';
import type { EventData } from '@saldo/events';
import { seriesKeyOf } from '../src/statements/statement-import';
import { startCardsForTest, type Api, type TestCards } from './helpers';

type Row = EventData<'import.card_rows.confirmed'>['rows'][number];

let line = 0;
const row = (
  date: string,
  amount: string,
  description: string,
  externalId: string,
  extra: Partial<Row> = {},
): Row => ({
  rowId: newId(),
  line: ++line,
  date,
  amount: { amount, currency: 'BRL' },
  movement: 'PURCHASE',
  description,
  externalId,
  categoryId: null,
  installment: null,
  ...extra,
});

interface PurchaseView {
  description: string;
  installmentCount: number;
  totalAmount: { amount: string };
  refundedAmount: { amount: string };
  installments: { number: number; month: string }[];
}

describe('card statements from the import subgraph', () => {
  let t: TestCards;

  beforeAll(async () => {
    t = await startCardsForTest('cards_statements', '2026-05-15T15:00:00Z');
    await t.cards.messaging.ensureDomainStream('import');
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function send(api: Api, cardId: string, jobId: string, rows: Row[], chunk = 0) {
    const envelope = await publishAs(t.cards, 'import.card_rows.confirmed', api.userId, {
      jobId,
      cardId,
      chunk,
      chunks: 1,
      rows,
    });
    await waitForHandled(t.cards, envelope);
    const answers = await publishedEvents(t.cards, { type: 'cards.import_chunk.applied' });
    return answers.filter((a) => a.data.jobId === jobId).map((a) => a.data);
  }

  async function purchases(api: Api, cardId: string): Promise<PurchaseView[]> {
    const data = await api.ok<{
      card: { purchases: { edges: { node: PurchaseView }[] } };
    }>(
      `query($id: ID!) { card(id: $id) { purchases(first: 50) { edges { node {
         description installmentCount totalAmount { amount } refundedAmount { amount }
         installments { number month } } } } } }`,
      { id: cardId },
    );
    return data.card.purchases.edges
      .map((e) => e.node)
      .sort((a, b) => a.description.localeCompare(b.description));
  }

  it('normalises a series description without its installment marker', () => {
    expect(seriesKeyOf('LOJA X PARC 03/10')).toBe('loja x');
    expect(seriesKeyOf('Loja X - Parcela 4/10')).toBe('loja x');
    expect(seriesKeyOf('LOJA X 05/10')).toBe('loja x');
    expect(seriesKeyOf('Farmácia São João')).toBe('farmacia sao joao');
  });

  it('records purchases, installment series across statements, refunds and payments once', async () => {
    const ana = t.as();
    // A small limit: the bank accepted these purchases, the limit here cannot refuse them.
    const card = await ana.card({ limit: '300.00', paymentAccountId: newId() });
    const april = newId();
    const aprilRows = [
      row('2026-03-28', '39.90', 'NETFLIX.COM', 'N1'),
      row('2026-04-02', '100.00', 'LOJA X PARC 03/10', 'L3', {
        installment: { number: 3, count: 10 },
      }),
      row('2026-04-03', '39.90', 'Estorno NETFLIX.COM', 'R1', { movement: 'REFUND' }),
      row('2026-04-04', '25.00', 'Estorno LOJA QUE NAO EXISTE', 'R2', { movement: 'REFUND' }),
      // Before any invoice of this card closed: nothing to pay yet.
      row('2026-03-01', '80.00', 'Pagamento recebido', 'P0', { movement: 'PAYMENT' }),
    ];
    const [first] = await send(ana, card.id, april, aprilRows);
    expect(first).toMatchObject({ created: 3, existing: 0 });
    expect(
      first!.rejected.map((r) => [
        aprilRows.find((x) => x.rowId === r.rowId)!.externalId,
        r.reason,
      ]),
    ).toEqual([
      ['P0', 'No invoice of this card closed before 2026-03-01 has anything left to pay'],
      [
        'R2',
        'No purchase on this card matches the refund "Estorno LOJA QUE NAO EXISTE" of 25.00; refund it from its purchase',
      ],
    ]);
    let bought = await purchases(ana, card.id);
    expect(
      bought.map((p) => [
        p.description,
        p.installmentCount,
        p.totalAmount.amount,
        p.refundedAmount.amount,
      ]),
    ).toEqual([
      ['LOJA X PARC 03/10', 8, '800.00', '0.00'],
      ['NETFLIX.COM', 1, '39.90', '39.90'],
    ]);
    // Installments 3..10: the first on the invoice of the row's own month.
    expect(bought[0]!.installments.map((i) => i.month)[0]).toBe('2026-04');

    // The same chunk again (a new event id, or the same statement imported again): nothing new.
    const again = await send(ana, card.id, newId(), aprilRows);
    expect(again[0]).toMatchObject({ created: 0, existing: 3 });
    expect(await purchases(ana, card.id)).toHaveLength(2);

    // May's statement: 4/10 joins the series; an equal second line on it is another purchase.
    const may = newId();
    const mayRows = [
      row('2026-05-02', '100.00', 'LOJA X PARC 04/10', 'L4', {
        installment: { number: 4, count: 10 },
      }),
      row('2026-05-03', '100.00', 'LOJA X PARC 04/10', 'L4-b', {
        installment: { number: 4, count: 10 },
      }),
      row('2026-05-12', '100.00', 'Pagamento recebido', 'P1', { movement: 'PAYMENT' }),
    ];
    const [mayAnswer] = await send(ana, card.id, may, mayRows);
    expect(mayAnswer).toMatchObject({ created: 2, existing: 1, rejected: [] });
    bought = await purchases(ana, card.id);
    expect(bought.map((p) => [p.description, p.installmentCount, p.totalAmount.amount])).toEqual([
      ['LOJA X PARC 03/10', 8, '800.00'],
      ['LOJA X PARC 04/10', 7, '700.00'],
      ['NETFLIX.COM', 1, '39.90'],
    ]);
    const paid = (await ana.invoices(card.id)).filter((i) => i.pendingAmount.amount !== '0.00');
    expect(paid.map((i) => i.pendingAmount.amount)).toEqual(['100.00']);

    // Another user naming Ana's card: refused, nothing recorded on it.
    const bob = t.as();
    const [theirs] = await send(bob, card.id, newId(), [row('2026-05-01', '9.99', 'X', 'B1')]);
    expect(theirs).toMatchObject({ created: 0, existing: 0 });
    expect(theirs!.rejected.map((r) => r.reason)).toEqual([
      'The card is not there (deleted, or not yours)',
    ]);
    expect(await purchases(ana, card.id)).toHaveLength(3);
  });
});
