import {
  Kind,
  OperationTypeNode,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import type { LiveSpec } from './live-fields';

export const EVENT_VARIABLE = '__saldoEvent';

/**
 * Rewrites `subscription { balanceChanged(accountId: $a) { ...selection } }` into
 * `query { balanceChanged: _live_balanceChanged(event: $__saldoEvent) { ...selection } }`,
 * which the gateway plans across subgraphs like any query. Variables and fragments
 * the rewrite no longer uses are dropped (GraphQL refuses unused ones).
 */
export function payloadQuery(
  operation: OperationDefinitionNode,
  field: FieldNode,
  fragments: readonly FragmentDefinitionNode[],
  spec: LiveSpec,
): string {
  const rootField: FieldNode = {
    ...field,
    alias: { kind: Kind.NAME, value: field.alias?.value ?? field.name.value },
    name: { kind: Kind.NAME, value: spec.resolverField },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'event' },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: EVENT_VARIABLE } },
      },
    ],
  };
  const usedFragments = new Set<string>();
  const usedVariables = new Set<string>();
  const collect = (node: FieldNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread: (spread) => void usedFragments.add(spread.name.value),
      Variable: (variable) => void usedVariables.add(variable.name.value),
    });
  collect(rootField);
  // Fragments can spread fragments: collect to a fixed point.
  for (let size = -1; size !== usedFragments.size;) {
    size = usedFragments.size;
    for (const fragment of fragments) if (usedFragments.has(fragment.name.value)) collect(fragment);
  }
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    name: { kind: Kind.NAME, value: `Live_${operation.name?.value ?? spec.field}` },
    directives: [],
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []).filter((d) =>
        usedVariables.has(d.variable.name.value),
      ),
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: EVENT_VARIABLE } },
        type: {
          kind: Kind.NON_NULL_TYPE,
          type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
        },
      },
    ],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [rootField] },
  };
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [query, ...fragments.filter((f) => usedFragments.has(f.name.value))],
  };
  return print(document);
}
