import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

const CANNOT: unique symbol = Symbol('cannot project');
// JSON-like output of a projection; CANNOT marks a selection the event cannot answer.
type Projected = string | number | boolean | null | Projected[] | { [key: string]: Projected };

/**
 * Answers a payload selection straight from the event data when every selected
 * field is present in it under the same name (the `@live` contract), so most
 * events never cost a subgraph round trip. Returns null when something selected
 * is not in the event (an entity field such as `account { name }`): the router
 * then resolves the payload through the gateway.
 */
export function projectFromEvent(
  schema: GraphQLSchema,
  type: GraphQLOutputType,
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  data: unknown,
): Record<string, unknown> | null {
  const result = projectObject(schema, type, selectionSet, fragments, data);
  return result === CANNOT || result === null || typeof result !== 'object' || Array.isArray(result)
    ? null
    : result;
}

function projectObject(
  schema: GraphQLSchema,
  type: GraphQLOutputType,
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  data: unknown,
): Projected | typeof CANNOT {
  const named = getNamedType(type);
  if (
    typeof data !== 'object' ||
    data === null ||
    !('getFields' in named) ||
    !isCompositeType(named)
  )
    return CANNOT;
  const fields = named.getFields();
  const out: { [key: string]: Projected } = {};
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (selection.name.value === '__typename') {
        out[key] = named.name;
        continue;
      }
      if (selection.arguments?.length) return CANNOT;
      const field = fields[selection.name.value];
      const value = (data as Record<string, unknown>)[selection.name.value];
      if (!field || value === undefined) return CANNOT;
      const projected = projectValue(schema, field.type, selection.selectionSet, fragments, value);
      if (projected === CANNOT) return CANNOT;
      out[key] = projected;
      continue;
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
    if (!fragment) return CANNOT;
    const condition = fragment.typeCondition?.name.value;
    if (condition && condition !== named.name) return CANNOT;
    const inner = projectObject(schema, type, fragment.selectionSet, fragments, data);
    if (inner === CANNOT) return CANNOT;
    Object.assign(out, inner);
  }
  return out;
}

function projectValue(
  schema: GraphQLSchema,
  type: GraphQLOutputType,
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  value: unknown,
): Projected | typeof CANNOT {
  if (value === null) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return CANNOT;
    const items = value.map((item) =>
      projectValue(schema, nullable.ofType, selectionSet, fragments, item),
    );
    const projected: Projected[] = [];
    for (const item of items) {
      if (item === CANNOT) return CANNOT;
      projected.push(item);
    }
    return projected;
  }
  if (selectionSet) return projectObject(schema, nullable, selectionSet, fragments, value);
  // A leaf: the event carries it already serialised (Decimal and DateTime as strings).
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return CANNOT;
}
