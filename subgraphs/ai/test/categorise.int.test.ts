import { newId } from '@saldo/kit';
import { errorCode } from '@saldo/kit/testing';
import { snapshot, startAiForTest, type TestAi } from './helpers';

const SUGGEST = `query($inputs: [SuggestCategoryInput!]!) {
  suggestCategories(inputs: $inputs) { category { id } confidence source reason }
}`;
const ENTRY = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Entry { id categorySuggestion { category { id } source confidence } }
  }
}`;
const CREATE_RULE = `mutation($input: CreateCategoryRuleInput!) {
  createCategoryRule(input: $input) { id category { id } conditions { field operator value } }
}`;

interface SuggestResult {
  suggestCategories: ({ category: { id: string }; confidence: number; source: string } | null)[];
}

const expense = (description: string, amount = '42.00') => ({
  description,
  amount,
  kind: 'EXPENSE',
});

describe('categorisation', () => {
  let ai: TestAi;
  const alice = newId();
  const bob = newId();
  const food = newId();
  const transport = newId();
  const bobTravel = newId();

  beforeAll(async () => {
    ai = await startAiForTest('ai_categorise');
  });

  afterAll(async () => {
    await ai?.stop();
  });

  const suggest = (userId: string, inputs: object[]) =>
    ai.t.client.as(userId).ok<SuggestResult>(SUGGEST, { inputs });

  it('abstains for a user it has learnt nothing from', async () => {
    const r = await suggest(alice, [expense('PAG*IFOOD 1234 SAO PAULO BR')]);
    expect(r.suggestCategories).toEqual([null]);
  });

  it('learns from the user`s categorised entries (ledger events), per user', async () => {
    await ai.publish('ledger.entry.created', alice, {
      entry: snapshot(alice, { description: 'IFOOD *RESTAURANTE', categoryId: food }),
    });
    await ai.publish('ledger.entry.created', alice, {
      entry: snapshot(alice, { description: 'UBER *TRIP 8812', categoryId: transport }),
    });
    // Bob put Uber somewhere else: his model is his own.
    await ai.publish('ledger.entry.created', bob, {
      entry: snapshot(bob, { description: 'UBER DO BRASIL', categoryId: bobTravel }),
    });

    const r = await suggest(alice, [
      expense('PAG*IFOOD 9981 CURITIBA PR'),
      expense('COMPLETELY UNKNOWN SHOP'),
      expense('UBER *TRIP 1234 SAO PAULO'),
      expense('RAPPI BRASIL 44'),
    ]);
    expect(r.suggestCategories.map((s) => s && [s.category.id, s.source])).toEqual([
      [food, 'MODEL'],
      null,
      [transport, 'MODEL'],
      // Never seen, but a known food-delivery merchant: where Alice put iFood.
      [food, 'MERCHANT'],
    ]);
    const bobs = await suggest(bob, [expense('UBER *TRIP 1234'), expense('PAG*IFOOD 1')]);
    expect(bobs.suggestCategories.map((s) => s?.category.id ?? null)).toEqual([bobTravel, null]);
  });

  it('learns from corrections (updateEntry changing the category)', async () => {
    const entry = snapshot(alice, { description: 'PADARIA BOM PAO', categoryId: transport });
    await ai.publish('ledger.entry.created', alice, { entry });
    const before = await suggest(alice, [expense('PADARIA BOM PAO 12/03')]);
    expect(before.suggestCategories[0]?.category.id).toBe(transport);
    await ai.publish('ledger.entry.updated', alice, {
      entry: { ...entry, version: 2, categoryId: food },
    });
    const after = await suggest(alice, [expense('PADARIA BOM PAO 12/03')]);
    expect(after.suggestCategories[0]?.category.id).toBe(food);
    // An older version arriving late changes nothing.
    await ai.publish('ledger.entry.updated', alice, { entry: { ...entry, version: 1 } });
    const again = await suggest(alice, [expense('PADARIA BOM PAO 12/03')]);
    expect(again.suggestCategories[0]?.category.id).toBe(food);
  });

  it('suggests on an uncategorised entry, not on a categorised one nor another user`s', async () => {
    const open = snapshot(alice, { description: 'PAG*IFOOD 777', categoryId: null });
    const done = snapshot(alice, { description: 'PAG*IFOOD 778', categoryId: food });
    await ai.publish('ledger.entry.created', alice, { entry: open });
    await ai.publish('ledger.entry.created', alice, { entry: done });
    const representations = [open, done].map((e) => ({ __typename: 'Entry', id: e.id }));
    const mine = await ai.t.client
      .as(alice)
      .ok<{ _entities: { categorySuggestion: { category: { id: string } } | null }[] }>(ENTRY, {
        r: representations,
      });
    expect(mine._entities.map((e) => e.categorySuggestion?.category.id ?? null)).toEqual([
      food,
      null,
    ]);
    const theirs = await ai.t.client
      .as(bob)
      .ok<{ _entities: { categorySuggestion: unknown }[] }>(ENTRY, { r: representations });
    expect(theirs._entities.map((e) => e.categorySuggestion)).toEqual([null, null]);
  });

  it('lets rules beat the model; rules are per user', async () => {
    const gifts = newId();
    const created = await ai.t.client
      .as(alice)
      .ok<{ createCategoryRule: { id: string } }>(CREATE_RULE, {
        input: {
          categoryId: gifts,
          conditions: [
            { field: 'DESCRIPTION', operator: 'CONTAINS', value: 'ifood' },
            { field: 'AMOUNT', operator: 'GREATER_THAN', value: '100' },
          ],
        },
      });
    const r = await suggest(alice, [
      expense('PAG*IFOOD 1', '150.00'),
      expense('PAG*IFOOD 1', '40'),
    ]);
    expect(r.suggestCategories.map((s) => s && [s.category.id, s.source, s.confidence])).toEqual([
      [gifts, 'RULE', 1],
      [food, 'MODEL', expect.any(Number)],
    ]);
    const bobs = await suggest(bob, [expense('PAG*IFOOD 1', '150.00')]);
    expect(bobs.suggestCategories).toEqual([null]);

    const list = await ai.t.client
      .as(bob)
      .ok<{ categoryRules: unknown[] }>('{ categoryRules { id } }');
    expect(list.categoryRules).toEqual([]);
    const id = created.createCategoryRule.id;
    const foreign = await ai.t.client
      .as(bob)
      .request(`mutation($id: ID!) { deleteCategoryRule(id: $id) }`, { id });
    expect(errorCode(foreign)).toBe('NOT_FOUND');

    const updated = await ai.t.client.as(alice).ok<{
      updateCategoryRule: { conditions: { value: string }[] };
    }>(
      `mutation($id: ID!, $input: UpdateCategoryRuleInput!) {
        updateCategoryRule(id: $id, input: $input) { conditions { value } }
      }`,
      {
        id,
        input: {
          conditions: [{ field: 'DESCRIPTION', operator: 'STARTS_WITH', value: 'PAG*IFOOD' }],
        },
      },
    );
    expect(updated.updateCategoryRule.conditions).toEqual([{ value: 'PAG*IFOOD' }]);
    const now = await suggest(alice, [expense('PAG*IFOOD 1', '40')]);
    expect(now.suggestCategories[0]).toMatchObject({ category: { id: gifts }, source: 'RULE' });

    await ai.t.client.as(alice).ok(`mutation($id: ID!) { deleteCategoryRule(id: $id) }`, { id });
    const gone = await suggest(alice, [expense('PAG*IFOOD 1', '40')]);
    expect(gone.suggestCategories[0]).toMatchObject({ category: { id: food }, source: 'MODEL' });
  });

  it('rejects conditions that cannot be evaluated, and more than 1,000 inputs', async () => {
    const bad = await ai.t.client.as(alice).request(CREATE_RULE, {
      input: {
        categoryId: food,
        conditions: [{ field: 'AMOUNT', operator: 'CONTAINS', value: '10' }],
      },
    });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const regex = await ai.t.client.as(alice).request(CREATE_RULE, {
      input: {
        categoryId: food,
        conditions: [{ field: 'DESCRIPTION', operator: 'MATCHES', value: '(' }],
      },
    });
    expect(errorCode(regex)).toBe('BAD_USER_INPUT');
    const tooMany = await ai.t.client
      .as(alice)
      .request(SUGGEST, { inputs: Array.from({ length: 1001 }, () => expense('X')) });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    const many = await suggest(
      alice,
      Array.from({ length: 1000 }, (_, i) => expense(i % 2 ? 'UBER *TRIP' : 'NOTHING KNOWN')),
    );
    expect(many.suggestCategories).toHaveLength(1000);
    expect(many.suggestCategories[1]?.category.id).toBe(transport);
    expect(many.suggestCategories[0]).toBeNull();
  });

  it('erases the user on identity.user.deleted', async () => {
    await ai.t.client.as(bob).ok(CREATE_RULE, {
      input: {
        categoryId: bobTravel,
        conditions: [{ field: 'KIND', operator: 'EQUALS', value: 'EXPENSE' }],
      },
    });
    await ai.publish('identity.user.deleted', bob, { userId: bob });
    const left = await ai.t.query<{ n: string }>(
      `select (select count(*) from entries where user_id = ?::uuid)
            + (select count(*) from category_rules where user_id = ?::uuid) as n`,
      [bob, bob],
    );
    expect(Number(left[0]!.n)).toBe(0);
    const r = await suggest(bob, [expense('UBER *TRIP 1234')]);
    expect(r.suggestCategories).toEqual([null]);
    // Alice keeps hers.
    const a = await suggest(alice, [expense('UBER *TRIP 1234')]);
    expect(a.suggestCategories[0]?.category.id).toBe(transport);
  });

  it('rejects a request without the router`s identity', async () => {
    const anonymous = await ai.t.client.request(SUGGEST, { inputs: [] });
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
  });
});
