import { newId, Scope } from '@saldo/kit';
import { errorCode, type GraphQLResponse } from '@saldo/kit/testing';
import { startCardsForTest, type TestCards } from './helpers';

describe('bad input and other users', () => {
  let t: TestCards;

  beforeAll(async () => {
    t = await startCardsForTest('cards_access');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers bad input with clear codes', async () => {
    const ana = t.as();
    const card = await ana.card();
    const createCard = (input: Record<string, unknown>) =>
      ana.request('mutation($input: CreateCardInput!) { createCard(input: $input) { id } }', {
        input: { name: 'X', currency: 'BRL', limit: '10', closingDay: 10, dueDay: 20, ...input },
      });
    const field = (r: GraphQLResponse<unknown>) => [
      errorCode(r),
      r.errors?.[0]?.extensions?.['field'],
    ];
    expect(field(await createCard({ currency: 'XXY' }))).toEqual(['BAD_USER_INPUT', 'currency']);
    expect(field(await createCard({ closingDay: 32 }))).toEqual(['BAD_USER_INPUT', 'closingDay']);
    expect(field(await createCard({ limit: '10.001' }))).toEqual(['BAD_USER_INPUT', 'limit']);
    expect(field(await createCard({ last4: '12a4' }))).toEqual(['BAD_USER_INPUT', 'last4']);
    expect(field(await createCard({ name: '  ' }))).toEqual(['BAD_USER_INPUT', 'name']);
    const buy = async (input: Record<string, unknown>) =>
      field(await ana.createPurchase({ cardId: card.id, totalAmount: '10.00', ...input }));
    expect(await buy({ totalAmount: '-1.00' })).toEqual(['BAD_USER_INPUT', 'totalAmount']);
    expect(await buy({ totalAmount: '0.001' })).toEqual(['BAD_USER_INPUT', 'totalAmount']);
    expect(await buy({ totalAmount: '0.02', installmentCount: 3 })).toEqual([
      'BAD_USER_INPUT',
      'totalAmount',
    ]);
    expect(await buy({ installmentCount: 0 })).toEqual(['BAD_USER_INPUT', 'installmentCount']);
    expect(await buy({ installmentCount: 49 })).toEqual(['BAD_USER_INPUT', 'installmentCount']);
    expect(await buy({ purchaseDate: '2026-03-06' })).toEqual(['BAD_USER_INPUT', 'purchaseDate']);
    expect(await buy({ purchaseDate: '2026-02-01' })).toEqual(['BAD_USER_INPUT', 'purchaseDate']);
    expect(await buy({ description: '' })).toEqual(['BAD_USER_INPUT', 'description']);
    expect(await buy({ categoryId: 'food' })).toEqual(['NOT_FOUND', 'categoryId']);
    expect(await buy({ cardId: newId() })).toEqual(['NOT_FOUND', 'cardId']);
    expect(await buy({ idempotencyKey: ' k' })).toEqual(['BAD_USER_INPUT', 'idempotencyKey']);
    const badDate = await ana.createPurchase({
      cardId: card.id,
      totalAmount: '1',
      purchaseDate: '2026-02-30',
    });
    expect(errorCode(badDate)).toBe('BAD_USER_INPUT');
    expect(errorCode(await ana.request('{ card(id: "nope") { id } }'))).toBe('NOT_FOUND');
    const readOnly = t.as(ana.userId).client.as(ana.userId, [Scope.CARDS_READ]);
    expect(errorCode(await readOnly.request('mutation { archiveCard(id: "x") { id } }'))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.as().client.as(null).request('{ cards { id } }'))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it("keeps each user's cards to themselves", async () => {
    const ana = t.as();
    const bob = t.as();
    const card = await ana.card();
    const purchase = await ana.purchase({ cardId: card.id, totalAmount: '10.00' });
    const [invoice] = await ana.invoices(card.id);
    expect(
      errorCode(await bob.request('query($id: ID!) { card(id: $id) { id } }', { id: card.id })),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await bob.request('query($id: ID!) { invoice(id: $id) { id } }', { id: invoice!.id }),
      ),
    ).toBe('NOT_FOUND');
    expect(errorCode(await bob.createPurchase({ cardId: card.id, totalAmount: '1.00' }))).toBe(
      'NOT_FOUND',
    );
    for (const mutation of [
      'mutation($id: ID!) { deletePurchase(id: $id) { id } }',
      'mutation($id: ID!) { refundPurchase(id: $id, amount: "1.00") { id } }',
      'mutation($id: ID!) { archiveCard(id: $id) { id } }',
    ]) {
      const id = mutation.includes('archiveCard') ? card.id : purchase.id;
      expect(errorCode(await bob.request(mutation, { id }))).toBe('NOT_FOUND');
    }
    const pay = await bob.request(
      'mutation($id: ID!) { payInvoice(input: { invoiceId: $id, fromAccountId: "0197a000-0000-7000-8000-000000000000", amount: "1" }) { id } }',
      { id: invoice!.id },
    );
    expect(errorCode(pay)).toBe('NOT_FOUND');
    const entities = await bob.ok<{ _entities: unknown[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Card { id } ... on Invoice { id } } }`,
      {
        r: [
          { __typename: 'Card', id: card.id },
          { __typename: 'Invoice', id: invoice!.id },
        ],
      },
    );
    expect(entities._entities).toEqual([null, null]);
    const mine = await bob.ok<{ _entities: { cards: unknown[] }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { cards { id } } } }`,
      { r: [{ __typename: 'User', id: bob.userId }] },
    );
    expect(mine._entities).toEqual([{ cards: [] }]);
    expect(await ana.available(card.id)).toBe('990.00');
  });
});
