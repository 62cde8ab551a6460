import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, isObjectType, parse } from 'graphql';
import {
  Arg,
  buildSchema,
  Ctx,
  createResolversMap,
  Query,
  Resolver,
  type ClassType,
  type NonEmptyArray,
} from 'type-graphql';
import { Scope, scopeAuthChecker } from './auth';
import type { RequestContext } from './context';
import { DomainError, ErrorCode } from './errors';
import type { EventData, EventType } from '@saldo/events';
import { parseEnvelope } from './events/envelope';

/** Federation spec pinned once for every subgraph. */
export const FEDERATION_LINK =
  '@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@override", "@tag", "@composeDirective", "@interfaceObject"])';

/** Saldo's own spec for subscription fields the router serves from events. */
const LIVE_LINK =
  '@link(url: "https://saldo.dev/live/v1.0", import: ["@live"]) @composeDirective(name: "@live")';
const LIVE_DIRECTIVE = `"""
Served by the router: each event on \`subject\` for the subscribing user, filtered by the
arguments named in \`filterArgs\` (argument name = field of the event data), resolves the
payload through the router-internal query field \`_live_<field>\`. A caller needs \`scope\` to subscribe.
"""
directive @live(subject: String!, filterArgs: [String!], scope: String) on FIELD_DEFINITION`;

/**
 * Batch-loads entities of one type by id for `_entities`; order must match `ids`.
 * `C` is the subgraph's own context type (with its services).
 */
export type ReferenceResolver<C extends RequestContext<unknown> = RequestContext> = (
  ids: readonly string[],
  ctx: C,
) => Promise<readonly (object | null)[]>;

/**
 * A subscription field declared by the subgraph that owns its events. The router
 * serves it; the subgraph only resolves the payload from an event it is handed.
 */
export interface LiveField<T extends EventType = EventType> {
  name: string;
  subject: T;
  payload: ClassType;
  description: string;
  /** Optional arguments; each filters on the event-data field of the same name. */
  filterArgs?: readonly string[];
  /** Scope a caller needs to subscribe, e.g. `ledger:read`. */
  scope: Scope;
  toPayload: (data: EventData<T>) => object;
}

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<ClassType>;
  orphanedTypes?: ClassType[];
  /** `__resolveReference` per entity type name, batched per request. */
  // `never` services: accepts resolvers written against any subgraph's context type.
  references?: Record<string, ReferenceResolver<RequestContext<never>>>;
  live?: readonly LiveField[];
}

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL as composition reads it; committed as schema.graphql. */
  sdl: string;
  /** `Query.signIn`-style coordinates of root fields open to anonymous callers. */
  publicFields: ReadonlySet<string>;
}

function liveResolver(field: LiveField): ClassType {
  @Resolver()
  class LiveResolver {
    @Query(() => field.payload, {
      name: `_live_${field.name}`,
      nullable: true,
      description: `Router-internal: resolves a \`${field.name}\` payload from its event.`,
    })
    resolve(@Arg('event', () => String) raw: string, @Ctx() ctx: RequestContext): object {
      if (!ctx.caller.scopes.has(Scope.ROUTER) || ctx.caller.userId === null) {
        throw new DomainError(
          ErrorCode.FORBIDDEN,
          'Only the router resolves subscription payloads',
        );
      }
      const event = parseEnvelope(raw);
      if (event.type !== field.subject || event.userId !== ctx.caller.userId) {
        throw new DomainError(ErrorCode.FORBIDDEN, 'Event does not belong to the caller');
      }
      return field.toPayload(event.data);
    }
  }
  return LiveResolver;
}

function subscriptionSdl(live: readonly LiveField[]): string {
  const fields = live.map((f) => {
    const args = f.filterArgs?.length ? `(${f.filterArgs.map((a) => `${a}: ID`).join(', ')})` : '';
    const filter = f.filterArgs?.length
      ? `, filterArgs: [${f.filterArgs.map((a) => `"${a}"`).join(', ')}]`
      : '';
    return `  """\n  ${f.description}\n  """\n  ${f.name}${args}: ${f.payload.name}! @live(subject: "${f.subject}"${filter}, scope: "${f.scope}")`;
  });
  return `${LIVE_DIRECTIVE}\n\ntype Subscription {\n${fields.join('\n')}\n}`;
}

function collectPublicFields(schema: GraphQLSchema): Set<string> {
  const found = new Set<string>();
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (field.extensions['public'] === true) found.add(`${root.name}.${field.name}`);
    }
  }
  return found;
}

/** Builds the federated schema from type-graphql resolvers (one helper for every subgraph). */
export async function buildFederatedSchema(
  options: FederatedSchemaOptions,
): Promise<FederatedSchema> {
  const live = options.live ?? [];
  const resolvers = [...options.resolvers, ...live.map(liveResolver)] as NonEmptyArray<ClassType>;
  const typeGraphqlSchema = await buildSchema({
    resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    authChecker: scopeAuthChecker,
    authMode: 'error',
    skipCheck: true,
    validate: false,
  });
  const links = live.length > 0 ? `${FEDERATION_LINK} ${LIVE_LINK}` : FEDERATION_LINK;
  const typeDefs = parse(
    `extend schema ${links}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}\n\n${live.length > 0 ? subscriptionSdl(live) : ''}`,
  );
  const resolverMap = createResolversMap(typeGraphqlSchema) as Record<
    string,
    Record<string, unknown>
  >;
  for (const [typeName, resolve] of Object.entries(options.references ?? {})) {
    const type = typeGraphqlSchema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`Reference resolver for unknown type ${typeName}`);
    resolverMap[typeName] = {
      ...resolverMap[typeName],
      __resolveReference: (ref: { id: string }, ctx: RequestContext<never>) =>
        ctx
          .loader<string, object | null>(`ref:${typeName}`, (ids) => resolve(ids, ctx))
          .load(ref.id),
    };
  }
  // type-graphql's map holds functions and scalar instances: the shape buildSubgraphSchema takes.
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolverMap as never });
  return {
    schema,
    sdl: printSubgraphSchema(schema),
    publicFields: collectPublicFields(typeGraphqlSchema),
  };
}
