import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { RequestContext } from './context';
import { DomainError, ErrorCode } from './errors';
import type { Metrics } from './metrics';

/** Rejects anonymous callers unless every root field of the operation is public. */
export function authPlugin(publicFields: ReadonlySet<string>): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (contextValue.caller.userId !== null || !operation) return;
          const root = operation.operation === OperationTypeNode.MUTATION ? 'Mutation' : 'Query';
          if (
            operation.operation === OperationTypeNode.SUBSCRIPTION ||
            !allPublic(root, operation.selectionSet, publicFields)
          ) {
            throw new GraphQLError('Sign in first', {
              extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
            });
          }
        },
      };
    },
  };
}

function allPublic(
  root: string,
  selectionSet: SelectionSetNode,
  publicFields: ReadonlySet<string>,
): boolean {
  return selectionSet.selections.every((s) => {
    if (s.kind === Kind.FIELD)
      return s.name.value === '__typename' || publicFields.has(`${root}.${s.name.value}`);
    if (s.kind === Kind.INLINE_FRAGMENT) return allPublic(root, s.selectionSet, publicFields);
    return false; // named fragments at the root: not worth allowing anonymously
  });
}

/** Requests, durations and errors by operation name, for any Apollo Server. */
export function metricsPlugin<C extends BaseContext>(metrics: Metrics): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const start = process.hrtime.bigint();
      let operation: OperationDefinitionNode | null = null;
      let failed = false;
      return {
        async didResolveOperation(ctx) {
          operation = ctx.operation ?? null;
        },
        async didEncounterErrors(ctx) {
          failed = true;
          for (const error of ctx.errors) {
            const original = error.originalError;
            const code =
              original instanceof DomainError
                ? original.code
                : typeof error.extensions['code'] === 'string'
                  ? error.extensions['code']
                  : 'INTERNAL_SERVER_ERROR';
            metrics.errors.inc({ code });
          }
        },
        async willSendResponse() {
          const name = operation?.name?.value ?? '(anonymous)';
          metrics.requests.inc({ operation: name, outcome: failed ? 'error' : 'ok' });
          metrics.duration.observe(
            { operation: name },
            Number(process.hrtime.bigint() - start) / 1e9,
          );
        },
      };
    },
  };
}
