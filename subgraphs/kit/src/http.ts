import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from './logger';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Reads a request body, refusing more than `limit` bytes with 413. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new HttpError(413, 'Request body too large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, 'Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Serves an Apollo Server on a plain node:http request: the thinnest path, with no
 * framework in between (it matters on the hot path of every federated request).
 */
export function apolloHandler<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (req: IncomingMessage) => Promise<C>,
  options: { bodyLimit: number },
): Handler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const text = req.method === 'POST' ? await readBody(req, options.bodyLimit) : '';
    let body: unknown = text;
    if (text && headers.get('content-type')?.startsWith('application/json')) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new HttpError(400, 'Request body is not valid JSON');
      }
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

export interface HttpServiceOptions {
  port: number;
  host?: string;
  /**
   * Keyed by `METHOD /path`, e.g. `GET /health`. A segment `:name` matches one path segment
   * (`GET /charges/:id/boleto.pdf`); its decoded value is in `routeParams(req)`. Exact keys win.
   */
  routes: Record<string, Handler>;
  log: Logger;
}

const PARAMS = Symbol('routeParams');
type WithParams = IncomingMessage & { [PARAMS]?: Record<string, string> };

/** The `:name` segments the matched route captured (empty for exact routes). */
export function routeParams(req: IncomingMessage): Record<string, string> {
  return (req as WithParams)[PARAMS] ?? {};
}

interface Pattern {
  method: string;
  segments: string[];
  handler: Handler;
}

function patternsOf(routes: Record<string, Handler>): Pattern[] {
  return Object.keys(routes)
    .filter((key) => key.includes('/:'))
    .map((key) => {
      const [method = '', path = ''] = key.split(' ');
      return { method, segments: path.split('/'), handler: routes[key]! };
    });
}

function matchPattern(patterns: readonly Pattern[], req: IncomingMessage, path: string) {
  const parts = path.split('/');
  for (const p of patterns) {
    if (p.method !== req.method || p.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = p.segments.every((segment, i) => {
      const part = parts[i]!;
      if (!segment.startsWith(':')) return segment === part;
      if (part === '') return false;
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      } catch {
        return false;
      }
    });
    if (ok) {
      (req as WithParams)[PARAMS] = params;
      return p.handler;
    }
  }
  return undefined;
}

/** A node:http server that tracks in-flight requests so shutdown can wait for them. */
export class HttpService {
  readonly server: Server;
  private inFlight = 0;
  private drained: (() => void) | null = null;
  private closing = false;
  private readonly patterns: Pattern[];

  constructor(private readonly options: HttpServiceOptions) {
    this.patterns = patternsOf(options.routes);
    this.server = createServer((req, res) => void this.dispatch(req, res));
    // Longer than the router's pooled-agent idle timeout, so the client closes idle sockets first.
    this.server.keepAliveTimeout = 65_000;
    this.server.headersTimeout = 66_000;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    if (this.closing) res.setHeader('connection', 'close');
    try {
      const path = (req.url ?? '/').split('?')[0];
      const key = `${req.method} ${path}`;
      const { routes } = this.options;
      // Exact routes, then `:param` routes, then whatever else the table answers (a proxy's fallback).
      const handler = Object.hasOwn(routes, key)
        ? routes[key]
        : (matchPattern(this.patterns, req, path ?? '/') ?? routes[key]);
      if (handler) await handler(req, res);
      else sendJson(res, 404, { error: 'Not found' });
    } catch (error) {
      if (error instanceof HttpError) {
        if (!res.headersSent)
          sendJson(res, error.status, {
            errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }],
          });
      } else {
        this.options.log.error({ err: error }, 'unhandled request error');
        if (!res.headersSent)
          sendJson(res, 500, { errors: [{ message: 'Internal server error' }] });
        else res.end();
      }
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.drained?.();
    }
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host ?? '0.0.0.0', () => resolve());
    });
    return this.server.address() as AddressInfo;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops accepting, lets in-flight requests finish (up to `timeoutMs`), then closes. */
  async close(timeoutMs = 10_000): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    if (this.inFlight > 0) {
      await Promise.race([
        new Promise<void>((resolve) => (this.drained = resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
    }
    this.server.closeAllConnections();
    await closed;
  }
}

export interface ServiceRoutesOptions {
  graphql: Handler;
  /** Named checks; the service is ready when every one is true. */
  checks: () => Promise<Record<string, boolean>>;
  metrics: { contentType: string; metrics(): Promise<string> };
  /** Refreshes gauges just before a scrape. */
  beforeScrape?: () => Promise<void>;
}

/** `/graphql` (POST and GET), `/health`, `/ready` and `/metrics`: what every service answers. */
export function serviceRoutes(options: ServiceRoutesOptions): Record<string, Handler> {
  return {
    'POST /graphql': options.graphql,
    'GET /graphql': options.graphql,
    'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    'GET /ready': async (_req, res) => {
      const checks = await options.checks();
      const ready = Object.values(checks).every(Boolean);
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...checks });
    },
    'GET /metrics': async (_req, res) => {
      await options.beforeScrape?.();
      res.writeHead(200, { 'content-type': options.metrics.contentType });
      res.end(await options.metrics.metrics());
    },
  };
}
