import type { CategorySnapshot } from '@saldo/events';
import { newId } from '@saldo/kit';
import { publishedEvents } from '@saldo/kit/testing';
import { snapshot, startAiForTest, type TestAi } from './helpers';

const SUGGEST = `query($inputs: [SuggestCategoryInput!]!) {
  suggestCategories(inputs: $inputs) { category { id } confidence source reason }
}`;

describe('cold start, auto-categorise and rules applied to existing entries', () => {
  let ai: TestAi;
  const alice = newId();
  const bob = newId();
  const dining = newId();
  const transport = newId();
  const salary = newId();

  const category = (
    userId: string,
    id: string,
    name: string,
    defaultKey: string | null,
    kind: 'INCOME' | 'EXPENSE' = 'EXPENSE',
  ): { category: CategorySnapshot } => ({
    category: { id, userId, name, kind, parentId: null, archived: false, defaultKey },
  });
  const categorisedFor = async (entryId: string) =>
    (await publishedEvents(ai.t.subgraph, { type: 'ai.entry.categorised' }))
      .filter((e) => e.data.entryId === entryId)
      .map((e) => e.data);

  beforeAll(async () => {
    ai = await startAiForTest('ai_auto_categorise');
    await ai.publish(
      'ledger.category.created',
      alice,
      category(alice, dining, 'Restaurantes', 'dining'),
    );
    await ai.publish(
      'ledger.category.created',
      alice,
      category(alice, transport, 'Transporte', 'transport'),
    );
    await ai.publish(
      'ledger.category.created',
      alice,
      category(alice, salary, 'Salário', 'salary', 'INCOME'),
    );
  });

  afterAll(async () => {
    await ai?.stop();
  });

  it('answers well-known merchants from the default categories before any history', async () => {
    const inputs = [
      { description: 'PAG*IFOOD 8812 SAO PAULO BR', amount: '45.90', kind: 'EXPENSE' },
      { description: 'UBER *TRIP 22/11', amount: '23.50', kind: 'EXPENSE' },
      { description: 'SALARIO ACME', amount: '5000.00', kind: 'INCOME' },
      { description: 'PADARIA DO ZE', amount: '12.00', kind: 'EXPENSE' },
      // A known merchant whose default the user does not have (no subscriptions category).
      { description: 'NETFLIX.COM', amount: '55.90', kind: 'EXPENSE' },
    ];
    const { suggestCategories } = await ai.t.client.as(alice).ok<{
      suggestCategories: ({
        category: { id: string };
        source: string;
        confidence: number;
      } | null)[];
    }>(SUGGEST, { inputs });
    expect(suggestCategories).toMatchObject([
      { category: { id: dining }, source: 'MERCHANT', confidence: 0.8 },
      { category: { id: transport }, source: 'MERCHANT' },
      { category: { id: salary }, source: 'MERCHANT' },
      null,
      null,
    ]);
    const bobs = await ai.t.client
      .as(bob)
      .ok<{ suggestCategories: unknown[] }>(SUGGEST, { inputs: inputs.slice(0, 1) });
    expect(bobs.suggestCategories).toEqual([null]);
  });

  it('asks the ledger to categorise a new uncategorised entry it is confident of', async () => {
    const ifood = snapshot(alice, { description: 'IFD*IFOOD 1234', categoryId: null });
    const unknown = snapshot(alice, { description: 'XPTO COMERCIO LTDA', categoryId: null });
    const transfer = snapshot(alice, {
      description: 'UBER',
      categoryId: null,
      kind: 'TRANSFER',
      toAccountId: newId(),
    });
    for (const entry of [ifood, unknown, transfer]) {
      await ai.publish('ledger.entry.created', alice, { entry });
    }
    expect(await categorisedFor(ifood.id)).toEqual([
      {
        entryId: ifood.id,
        categoryId: dining,
        source: 'MERCHANT',
        confidence: 0.8,
        ruleId: null,
        onlyIfUncategorised: true,
      },
    ]);
    expect(await categorisedFor(unknown.id)).toEqual([]);
    expect(await categorisedFor(transfer.id)).toEqual([]);
  });

  it('does nothing on its own once the user turns auto-categorise off', async () => {
    const client = ai.t.client.as(alice);
    expect(await client.ok('{ aiSettings { autoCategorise } }')).toEqual({
      aiSettings: { autoCategorise: true },
    });
    await client.ok(
      'mutation { updateAiSettings(input: { autoCategorise: false }) { autoCategorise } }',
    );
    const entry = snapshot(alice, { description: 'RAPPI BRASIL', categoryId: null });
    await ai.publish('ledger.entry.created', alice, { entry });
    expect(await categorisedFor(entry.id)).toEqual([]);
    expect(await ai.t.client.as(bob).ok('{ aiSettings { autoCategorise } }')).toEqual({
      aiSettings: { autoCategorise: true },
    });
    await client.ok(
      'mutation { updateAiSettings(input: { autoCategorise: true }) { autoCategorise } }',
    );
  });

  it('applies a new rule to the existing entries it matches, overriding their category', async () => {
    const rides = [
      snapshot(alice, { description: '99 POP CORRIDA', categoryId: null }),
      snapshot(alice, { description: '99 POP AEROPORTO', categoryId: dining }),
      snapshot(alice, { description: '99 POP', categoryId: transport }),
    ];
    const other = snapshot(alice, { description: 'MERCADO', categoryId: null });
    const bobs = snapshot(bob, { description: '99 POP', categoryId: null });
    await ai.t.client
      .as(alice)
      .ok('mutation { updateAiSettings(input: { autoCategorise: false }) { autoCategorise } }');
    for (const entry of [...rides, other])
      await ai.publish('ledger.entry.created', alice, { entry });
    await ai.publish('ledger.entry.created', bob, { entry: bobs });
    const { createCategoryRule } = await ai.t.client.as(alice).ok<{
      createCategoryRule: { id: string; appliedToExisting: number | null };
    }>(
      `mutation($input: CreateCategoryRuleInput!) {
        createCategoryRule(input: $input) { id appliedToExisting }
      }`,
      {
        input: {
          categoryId: transport,
          applyToExisting: true,
          conditions: [{ field: 'DESCRIPTION', operator: 'STARTS_WITH', value: '99 POP' }],
        },
      },
    );
    // The third already is in transport; Bob's is Bob's.
    expect(createCategoryRule.appliedToExisting).toBe(2);
    for (const ride of rides.slice(0, 2)) {
      expect(await categorisedFor(ride.id)).toEqual([
        {
          entryId: ride.id,
          categoryId: transport,
          source: 'RULE',
          confidence: 1,
          ruleId: createCategoryRule.id,
          onlyIfUncategorised: false,
        },
      ]);
    }
    expect(await categorisedFor(rides[2]!.id)).toEqual([]);
    expect(await categorisedFor(other.id)).toEqual([]);
    expect(await categorisedFor(bobs.id)).toEqual([]);
  });
});
