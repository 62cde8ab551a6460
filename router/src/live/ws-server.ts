import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ErrorCode, type Logger } from '@saldo/kit';
import type { RouterCaller } from '../auth/caller';
import type { RouterContext } from '../context';
import { Close, Connection, PROTOCOL } from './connection';
import type { LiveHub } from './hub';
import type { LiveSpec } from './live-fields';
import { LiveSubscription, type LiveShared } from './live-subscription';
import { LivePlanCache } from './plan';

export interface SubscriptionServerOptions {
  server: Server;
  path: string;
  schema: () => GraphQLSchema;
  specs: ReadonlyMap<string, LiveSpec>;
  hub: Pick<LiveHub, 'add'>;
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
  initTimeoutMs?: number;
  /** How often the sweeper checks init timeouts, expiries and liveness. */
  sweepMs?: number;
  log: Logger;
}

interface Message {
  type: string;
  id?: unknown;
  payload?: unknown;
}

const SWEEP_MS = 1000;
const KEEPALIVE_MS = 15_000;

const failure = (message: string, code: ErrorCode) =>
  new GraphQLError(message, { extensions: { code } });

function authorizationOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const value =
    (payload as Record<string, unknown>)['authorization'] ??
    (payload as Record<string, unknown>)['Authorization'];
  return typeof value === 'string' ? value : undefined;
}

function parseMessage(data: RawData): Message | null {
  try {
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString()
      : Buffer.from(data as ArrayBuffer).toString();
    const message = JSON.parse(text) as unknown;
    if (
      typeof message === 'object' &&
      message !== null &&
      typeof (message as Message).type === 'string'
    ) {
      return message as Message;
    }
  } catch {
    // falls through: not a protocol message
  }
  return null;
}

/**
 * graphql-ws (the `graphql-transport-ws` protocol) on the router's HTTP server, same
 * path as queries. Authenticates in `connection_init`, closes the socket with 4403
 * (which graphql-ws clients retry) when the credential expires (a `ping` carrying
 * `{ authorization }` renews it), closes with 4500 on an internal error, and serves
 * `@live` fields from the hub. The protocol is implemented here rather than with
 * graphql-ws's server so an idle connection costs as little memory as possible.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 256 * 1024,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });
  const connections = new Map<WebSocket, Connection>();
  const plans = new LivePlanCache(options.schema, options.specs, options.validationRules);
  const shared: LiveShared = {
    schema: options.schema,
    execute: options.execute,
    bufferLimit: options.bufferLimit,
    maxBufferedBytes: options.maxBufferedBytes,
  };
  const initTimeoutMs = options.initTimeoutMs ?? 3000;

  // Listeners shared by every socket (`this` is the socket): no closures per connection.
  function onMessage(this: WebSocket, data: RawData): void {
    const connection = connections.get(this);
    if (connection)
      void handle(connection, data).catch((error: unknown) => {
        // Nothing of the error reaches the client: it is in the log only.
        options.log.error({ err: error }, 'ws message failed');
        connection.close(Close.InternalError, 'Internal server error');
      });
  }
  function onClose(this: WebSocket): void {
    connections.get(this)?.dispose();
    connections.delete(this);
  }
  function onPong(this: WebSocket): void {
    const connection = connections.get(this);
    if (connection) connection.alive = true;
  }
  function onError(this: WebSocket, error: Error): void {
    options.log.debug({ err: error }, 'ws socket error');
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '').split('?')[0] !== options.path) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (ws.protocol !== PROTOCOL) {
        ws.close(Close.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
        return;
      }
      connections.set(ws, new Connection(ws, req.socket.remoteAddress ?? null, Date.now()));
      ws.on('message', onMessage);
      ws.on('close', onClose);
      ws.on('pong', onPong);
      ws.on('error', onError);
    });
  };
  options.server.on('upgrade', onUpgrade);

  // One sweep for every socket: initialisation timeouts, expired credentials, liveness.
  let lastPing = Date.now();
  const sweeper = setInterval(() => {
    const now = Date.now();
    const ping = now - lastPing >= KEEPALIVE_MS;
    if (ping) lastPing = now;
    for (const [socket, connection] of connections) {
      if (!connection.initReceived && now - connection.openedAt > initTimeoutMs) {
        connection.close(Close.InitTimeout, 'Connection initialisation timeout');
      } else if (connection.caller && connection.caller.expiresAt <= now) {
        connection.close(
          Close.CredentialExpired,
          'Forbidden: credential expired, reconnect or renew it in a ping',
        );
      } else if (ping) {
        if (!connection.alive) socket.terminate();
        connection.alive = false;
        socket.ping();
      }
    }
  }, options.sweepMs ?? SWEEP_MS);
  sweeper.unref();

  async function handle(connection: Connection, data: RawData): Promise<void> {
    const message = parseMessage(data);
    if (!message) return connection.close(Close.BadRequest, 'Invalid message received');
    switch (message.type) {
      case 'connection_init':
        return init(connection, message.payload);
      case 'ping':
        await renew(connection, message.payload);
        return connection.send({ type: 'pong' });
      case 'pong':
        return;
      case 'subscribe':
        return subscribe(connection, message);
      case 'complete': {
        const id = String(message.id);
        const operation = connection.operations?.get(id);
        connection.operations?.delete(id);
        return operation?.stop();
      }
      default:
        return connection.close(Close.BadRequest, `Unexpected message of type ${message.type}`);
    }
  }

  async function init(connection: Connection, payload: unknown): Promise<void> {
    if (connection.initReceived)
      return connection.close(Close.TooManyInits, 'Too many initialisation requests');
    connection.initReceived = true;
    let caller: RouterCaller | null = null;
    try {
      caller = await options.authenticate(authorizationOf(payload));
    } catch {
      caller = null;
    }
    if (!caller || caller.userId === null) return connection.close(Close.Forbidden, 'Forbidden');
    connection.caller = caller;
    connection.acknowledged = true;
    connection.send({ type: 'connection_ack' });
  }

  async function renew(connection: Connection, payload: unknown): Promise<void> {
    const authorization = authorizationOf(payload);
    if (!connection.caller || !authorization) return;
    try {
      const renewed = await options.authenticate(authorization);
      if (renewed.userId !== connection.caller.userId) throw new Error('another user');
      connection.caller = renewed;
    } catch {
      connection.close(Close.Forbidden, 'Forbidden: renewal refused');
    }
  }

  async function subscribe(connection: Connection, message: Message): Promise<void> {
    if (!connection.acknowledged || !connection.caller)
      return connection.close(Close.Unauthorized, 'Unauthorized');
    const payload = message.payload as
      { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (typeof message.id !== 'string' || !message.id || typeof payload?.query !== 'string') {
      return connection.close(Close.BadRequest, 'Invalid message received');
    }
    const id = message.id;
    if (connection.operations?.has(id))
      return connection.close(Close.DuplicateSubscriber, `Subscriber for ${id} already exists`);
    (connection.operations ??= new Map()).set(id, { stop: () => undefined });
    const variables = (typeof payload.variables === 'object' && payload.variables) || {};
    const operationName =
      typeof payload.operationName === 'string' ? payload.operationName : undefined;
    try {
      options.rateLimit(connection.userId);
      const parsed = plans.document(payload.query);
      if (parsed.errors.length > 0) return connection.error(id, parsed.errors);
      const operation = getOperationAST(parsed.document, operationName);
      if (!operation)
        return connection.error(id, [failure('Unknown operation', ErrorCode.BAD_USER_INPUT)]);
      if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
        const result = await options.execute(parsed.text, variables as Record<string, unknown>, {
          caller: connection.caller,
          requestId: `ws-${id}`,
          clientIp: connection.clientIp,
          extraScopes: [],
        });
        connection.next(id, result);
        return connection.complete(id);
      }
      startLive(
        connection,
        id,
        parsed.document,
        operationName,
        variables as Record<string, unknown>,
      );
    } catch (error) {
      if (error instanceof GraphQLError) return connection.error(id, [error]);
      throw error;
    }
  }

  function startLive(
    connection: Connection,
    id: string,
    document: Parameters<LivePlanCache['plan']>[0],
    operationName: string | undefined,
    inputs: Record<string, unknown>,
  ): void {
    const plan = plans.plan(document, operationName);
    if (typeof plan === 'string')
      return connection.error(id, [failure(plan, ErrorCode.BAD_USER_INPUT)]);
    const { spec, definition } = plan;
    if (spec.scope && !connection.caller!.scopes.has(spec.scope)) {
      return connection.error(id, [failure(`Missing scope: ${spec.scope}`, ErrorCode.FORBIDDEN)]);
    }
    if (connection.subscriptions >= (options.maxSubscriptionsPerSocket ?? 100)) {
      return connection.error(id, [
        failure('Too many subscriptions on one connection', ErrorCode.RATE_LIMITED),
      ]);
    }
    const coerced = getVariableValues(
      options.schema(),
      plan.operation.variableDefinitions ?? [],
      inputs,
    );
    if (coerced.errors) return connection.error(id, coerced.errors);
    const values = getArgumentValues(definition, plan.field, coerced.coerced);
    const filter: [string, string][] = [];
    for (const name of spec.filterArgs) {
      const value = values[name];
      if (typeof value === 'string' || typeof value === 'number')
        filter.push([name, String(value)]);
    }
    const subscription = new LiveSubscription(
      shared,
      plan,
      connection,
      id,
      coerced.coerced,
      filter,
    );
    connection.operations!.set(id, subscription);
    subscription.attach(options.hub.add(spec.subject, subscription));
  }

  return {
    get sockets() {
      return connections.size;
    },
    async close() {
      clearInterval(sweeper);
      options.server.off('upgrade', onUpgrade);
      for (const socket of connections.keys()) socket.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
