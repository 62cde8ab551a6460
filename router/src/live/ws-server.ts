import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  print,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode, Scope, type Logger } from '@saldo/kit';
import type { RouterCaller } from '../auth/caller';
import type { RouterContext } from '../context';
import type { LiveHub, LiveEvent } from './hub';
import type { LiveSpec } from './live-fields';
import { LiveSubscription } from './live-subscription';
import { EVENT_VARIABLE, payloadQuery } from './payload-query';

export const CLOSE_TOKEN_EXPIRED = 4401;
export const CLOSE_TOO_SLOW = 4408;

export interface SubscriptionServerOptions {
  server: Server;
  path: string;
  schema: () => GraphQLSchema;
  specs: ReadonlyMap<string, LiveSpec>;
  hub: LiveHub;
  authenticate: (authorization: string | undefined) => Promise<RouterCaller>;
  /** Runs an operation through the gateway (same pipeline as HTTP). */
  execute: (
    query: string,
    variables: Record<string, unknown>,
    context: RouterContext,
  ) => Promise<ExecutionResult>;
  rateLimit: (key: string) => void;
  validationRules: readonly ValidationRule[];
  bufferLimit: number;
  maxBufferedBytes: number;
  maxSubscriptionsPerSocket?: number;
  log: Logger;
}

interface SocketState {
  caller: RouterCaller;
  expiry: NodeJS.Timeout | null;
  subscriptions: number;
}

type WsContext = { socket: WebSocket; state: SocketState; request: IncomingMessage };

const error = (message: string, code: ErrorCode) =>
  new GraphQLError(message, { extensions: { code } });

function authorizationOf(
  params: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  const value = params?.['authorization'] ?? params?.['Authorization'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * graphql-ws on the router's HTTP server, same path as queries. Authenticates in
 * `connection_init`, closes the socket when the credential expires (a `ping`
 * carrying `{ authorization }` renews it), and serves `@live` fields from the hub.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 256 * 1024,
    perMessageDeflate: false,
  });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '').split('?')[0] !== options.path) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  options.server.on('upgrade', onUpgrade);

  const armExpiry = (socket: WebSocket, state: SocketState) => {
    if (state.expiry) clearTimeout(state.expiry);
    state.expiry = null;
    const remaining = state.caller.expiresAt - Date.now();
    if (!Number.isFinite(remaining)) return;
    state.expiry = setTimeout(
      () =>
        socket.close(CLOSE_TOKEN_EXPIRED, 'Credential expired: reconnect or renew it in a ping'),
      Math.max(0, remaining),
    );
  };

  const disposable = useServer<Record<string, unknown>, { state?: SocketState }>(
    {
      schema: () => options.schema(),
      onConnect: async (ctx) => {
        try {
          const caller = await options.authenticate(authorizationOf(ctx.connectionParams));
          if (caller.userId === null) return false;
          const state: SocketState = { caller, expiry: null, subscriptions: 0 };
          ctx.extra.state = state;
          armExpiry(ctx.extra.socket, state);
          return true;
        } catch {
          return false;
        }
      },
      onPing: async (ctx, payload) => {
        const state = ctx.extra.state;
        const authorization = authorizationOf(payload);
        if (!state || !authorization) return;
        try {
          const renewed = await options.authenticate(authorization);
          if (renewed.userId !== state.caller.userId) throw new Error('another user');
          state.caller = renewed;
          armExpiry(ctx.extra.socket, state);
        } catch {
          ctx.extra.socket.close(4403, 'Forbidden: renewal refused');
        }
      },
      onClose: (ctx) => {
        const state = ctx.extra.state;
        if (state?.expiry) clearTimeout(state.expiry);
      },
      onSubscribe: (ctx, _id, payload) => {
        const state = ctx.extra.state;
        if (!state) return [error('Not authenticated', ErrorCode.UNAUTHENTICATED)];
        try {
          options.rateLimit(state.caller.userId ?? '');
        } catch (limited) {
          return [limited as GraphQLError];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (syntax) {
          return [syntax as GraphQLError];
        }
        const errors = validate(options.schema(), document, [
          ...specifiedRules,
          ...options.validationRules,
        ]);
        if (errors.length > 0) return errors;
        const context: WsContext = { socket: ctx.extra.socket, state, request: ctx.extra.request };
        return {
          schema: options.schema(),
          document,
          operationName: payload.operationName ?? undefined,
          variableValues: payload.variables ?? undefined,
          contextValue: context,
        };
      },
      subscribe: (args) => subscribe(args),
      execute: (args) => executeOther(args),
    },
    wss,
    15_000,
  );

  function subscribe(args: ExecutionArgs): ExecutionResult | LiveSubscription {
    const { socket, state } = args.contextValue as WsContext;
    const operation = getOperationAST(args.document, args.operationName);
    if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return executeOther(args) as never;
    const fields = operation.selectionSet.selections.filter(
      (s): s is FieldNode => s.kind === Kind.FIELD,
    );
    const field = fields[0];
    if (fields.length !== 1 || operation.selectionSet.selections.length !== 1 || !field) {
      return {
        errors: [error('A subscription selects exactly one field', ErrorCode.BAD_USER_INPUT)],
      };
    }
    const spec = options.specs.get(field.name.value);
    const definition = args.schema.getSubscriptionType()?.getFields()[field.name.value];
    if (!spec || !definition)
      return { errors: [error(`${field.name.value} is not served`, ErrorCode.BAD_USER_INPUT)] };
    if (spec.scope && !state.caller.scopes.has(spec.scope)) {
      return { errors: [error(`Missing scope: ${spec.scope}`, ErrorCode.FORBIDDEN)] };
    }
    if (state.subscriptions >= (options.maxSubscriptionsPerSocket ?? 100)) {
      return {
        errors: [error('Too many subscriptions on one connection', ErrorCode.RATE_LIMITED)],
      };
    }
    const values = getArgumentValues(definition, field, args.variableValues ?? {});
    const filter = new Map<string, string>();
    for (const name of spec.filterArgs) {
      const value = values[name];
      if (typeof value === 'string' || typeof value === 'number') filter.set(name, String(value));
    }
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of args.document.definitions)
      if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    const query = payloadQuery(operation, field, Object.values(fragments), spec);
    const responseKey = field.alias?.value ?? field.name.value;
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    const resolveThroughGateway = (event: LiveEvent) =>
      options.execute(
        query,
        { ...variables, [EVENT_VARIABLE]: event.raw },
        {
          caller: state.caller,
          requestId: `live-${field.name.value}`,
          clientIp: null,
          extraScopes: [Scope.ROUTER],
        },
      );
    state.subscriptions += 1;
    const subscription = new LiveSubscription({
      userId: state.caller.userId!,
      filter,
      responseKey,
      fieldType: definition.type,
      selectionSet: field.selectionSet,
      fragments,
      schema: args.schema,
      resolveThroughGateway,
      bufferLimit: options.bufferLimit,
      onOverflow: () =>
        socket.close(CLOSE_TOO_SLOW, `Too slow: more than ${options.bufferLimit} events waiting`),
      onEnd: () => (state.subscriptions -= 1),
    });
    subscription.attach(options.hub.add(spec.subject, guardSlowSocket(subscription, socket)));
    return subscription;
  }

  /** Closes a client whose socket send buffer keeps growing, before it costs others. */
  function guardSlowSocket(subscription: LiveSubscription, socket: WebSocket) {
    return {
      userId: subscription.userId,
      deliver: (event: LiveEvent) => {
        if (socket.bufferedAmount > options.maxBufferedBytes) {
          socket.close(CLOSE_TOO_SLOW, 'Too slow: send buffer full');
          return;
        }
        subscription.deliver(event);
      },
    };
  }

  async function executeOther(args: ExecutionArgs): Promise<ExecutionResult> {
    const { state, request } = args.contextValue as WsContext;
    return options.execute(print(args.document), args.variableValues ?? {}, {
      caller: state.caller,
      requestId: `ws-${Date.now()}`,
      clientIp: request.socket.remoteAddress ?? null,
      extraScopes: [],
    });
  }

  return {
    get sockets() {
      return wss.clients.size;
    },
    async close() {
      options.server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.close(1001, 'Going away');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
