import { Kind, parse, type ConstArgumentNode, type ConstDirectiveNode } from 'graphql';

/** A subscription field the router serves from events, as declared by its subgraph. */
export interface LiveSpec {
  field: string;
  subject: string;
  filterArgs: readonly string[];
  scope: string | null;
  /** The subgraph's router-only query field that turns an event into the payload. */
  resolverField: string;
}

function argument(
  directive: ConstDirectiveNode,
  name: string,
): ConstArgumentNode['value'] | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

/** Reads every `@live` Subscription field from the supergraph SDL. */
export function liveSpecs(supergraphSdl: string): Map<string, LiveSpec> {
  const specs = new Map<string, LiveSpec>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (
      (definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION) ||
      definition.name.value !== 'Subscription'
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const live = field.directives?.find((d) => d.name.value === 'live');
      if (!live) continue;
      const subject = argument(live, 'subject');
      const filter = argument(live, 'filterArgs');
      const scope = argument(live, 'scope');
      if (subject?.kind !== Kind.STRING)
        throw new Error(`@live on ${field.name.value} needs a subject`);
      specs.set(field.name.value, {
        field: field.name.value,
        subject: subject.value,
        filterArgs:
          filter?.kind === Kind.LIST
            ? filter.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []))
            : filter?.kind === Kind.STRING
              ? [filter.value]
              : [],
        scope: scope?.kind === Kind.STRING ? scope.value : null,
        resolverField: `_live_${field.name.value}`,
      });
    }
  }
  return specs;
}
