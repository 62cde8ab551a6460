import {
  Kind,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { payloadQuery } from './payload-query';

const spec = {
  field: 'balanceChanged',
  subject: 'ledger.balance.changed',
  filterArgs: ['accountId'],
  scope: 'ledger:read',
  resolverField: '_live_balanceChanged',
};

function rewrite(source: string): string {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const field = operation.selectionSet.selections[0] as FieldNode;
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  return payloadQuery(operation, field, fragments, spec);
}

describe('payloadQuery', () => {
  it('turns the subscription into a query on the resolver field, keeping the selection', () => {
    const query = rewrite(`
      subscription Watch($accountId: ID, $from: LocalDate!, $to: LocalDate!) {
        balanceChanged(accountId: $accountId) {
          balance { amount }
          account { name dailyBalances(from: $from, to: $to) { date closing { amount } } }
        }
      }`);
    expect(query).toContain(
      'query Live_Watch($from: LocalDate!, $to: LocalDate!, $__saldoEvent: String!)',
    );
    expect(query).toContain('balanceChanged: _live_balanceChanged(event: $__saldoEvent)');
    expect(query).not.toContain('$accountId');
    expect(query).toContain('dailyBalances(from: $from, to: $to)');
  });

  it('keeps only the fragments the payload uses, transitively', () => {
    const query = rewrite(`
      subscription { b: balanceChanged { ...A } }
      fragment A on BalanceChange { account { ...B } }
      fragment B on Account { name }
      fragment Unused on Account { id }`);
    expect(query).toContain('b: _live_balanceChanged(event: $__saldoEvent)');
    expect(query).toContain('fragment A on BalanceChange');
    expect(query).toContain('fragment B on Account');
    expect(query).not.toContain('Unused');
  });
});
