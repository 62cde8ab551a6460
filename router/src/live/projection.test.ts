import { buildSchema, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { projectFromEvent } from './projection';

const schema = buildSchema(`
  scalar Decimal
  type Money { amount: Decimal! currency: String! }
  type Account { id: ID! name: String! }
  type BalanceChange { accountId: ID! account: Account! balance: Money! delta: Money! entryId: ID }
  type Query { x: Int }
  type Subscription { balanceChanged(accountId: ID): BalanceChange! }
`);

const data = {
  accountId: 'a1',
  balance: { amount: '10.00', currency: 'BRL' },
  delta: { amount: '-2.50', currency: 'BRL' },
  entryId: null,
};

function project(selection: string) {
  const operation = parse(`subscription { balanceChanged ${selection} }`)
    .definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0] as FieldNode;
  const type = schema.getSubscriptionType()!.getFields()['balanceChanged']!.type;
  return projectFromEvent(schema, type, field.selectionSet!, {}, data);
}

describe('projectFromEvent', () => {
  it('answers from the event when every selected field is in it', () => {
    expect(
      project('{ __typename accountId balance { amount currency } d: delta { amount } entryId }'),
    ).toEqual({
      __typename: 'BalanceChange',
      accountId: 'a1',
      balance: { amount: '10.00', currency: 'BRL' },
      d: { amount: '-2.50' },
      entryId: null,
    });
  });

  it('declines when a selected field needs a subgraph', () => {
    expect(project('{ balance { amount } account { name } }')).toBeNull();
  });

  it('applies inline fragments of the same type', () => {
    expect(project('{ ... on BalanceChange { accountId } }')).toEqual({ accountId: 'a1' });
  });
});
