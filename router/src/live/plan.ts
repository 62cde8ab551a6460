import {
  getOperationAST,
  Kind,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { LiveSpec } from './live-fields';
import { payloadQuery } from './payload-query';

/**
 * Everything about a subscription operation that does not depend on who sent it:
 * computed once per distinct query text and shared by every client sending it
 * (thousands of dashboards send the same few queries). Keeps per-subscription
 * memory to the subscriber's own state.
 */
export interface LivePlan {
  spec: LiveSpec;
  operation: OperationDefinitionNode;
  field: FieldNode;
  definition: GraphQLField<unknown, unknown>;
  responseKey: string;
  fragments: Record<string, FragmentDefinitionNode>;
  /** The gateway query that resolves the payload; printed on first use. */
  payloadQuery(): string;
}

type Parsed = { document: DocumentNode; errors: readonly GraphQLError[]; text: string };

export class LivePlanCache {
  private readonly documents = new Map<string, Parsed>();
  private readonly plans = new WeakMap<DocumentNode, Map<string, LivePlan | string>>();

  constructor(
    private readonly schema: () => GraphQLSchema,
    private readonly specs: ReadonlyMap<string, LiveSpec>,
    private readonly rules: readonly ValidationRule[],
    private readonly maxEntries = 1000,
  ) {}

  /** Parses and validates once per query text; throws the syntax error. */
  document(query: string): Parsed {
    let parsed = this.documents.get(query);
    if (!parsed) {
      const document = parse(query);
      parsed = {
        document,
        text: query,
        errors: validate(this.schema(), document, [...specifiedRules, ...this.rules]),
      };
      if (this.documents.size >= this.maxEntries) this.documents.clear();
      this.documents.set(query, parsed);
    }
    return parsed;
  }

  /** The cached instance of a query text already seen (so clients share one string). */
  internedText(query: string): string {
    return this.documents.get(query)?.text ?? query;
  }

  /** The plan of a validated subscription document, or why it cannot be served. */
  plan(document: DocumentNode, operationName: string | undefined | null): LivePlan | string {
    let byName = this.plans.get(document);
    if (!byName) {
      byName = new Map();
      this.plans.set(document, byName);
    }
    const key = operationName ?? '';
    let plan = byName.get(key);
    if (plan === undefined) {
      plan = this.build(document, operationName);
      byName.set(key, plan);
    }
    return plan;
  }

  private build(
    document: DocumentNode,
    operationName: string | undefined | null,
  ): LivePlan | string {
    const operation = getOperationAST(document, operationName);
    if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return 'not a subscription';
    const field = operation.selectionSet.selections[0];
    if (operation.selectionSet.selections.length !== 1 || field?.kind !== Kind.FIELD) {
      return 'A subscription selects exactly one field';
    }
    const spec = this.specs.get(field.name.value);
    const definition = this.schema().getSubscriptionType()?.getFields()[field.name.value];
    if (!spec || !definition) return `${field.name.value} is not served`;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) {
      if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    }
    let printed: string | null = null;
    return {
      spec,
      operation,
      field,
      definition,
      responseKey: field.alias?.value ?? field.name.value,
      fragments,
      payloadQuery: () =>
        (printed ??= payloadQuery(operation, field, Object.values(fragments), spec)),
    };
  }
}
