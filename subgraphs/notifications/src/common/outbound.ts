import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export class TargetRefused extends Error {}

/** Only public unicast addresses, unless private targets are allowed (tests, local dev). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/**
 * A DNS lookup that refuses private, loopback and link-local answers: checked on the
 * address the socket will connect to, so DNS rebinding between a check and the request
 * cannot slip through.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const list = addresses.filter((a) => allowPrivate || isPublicAddress(a.address));
      if (list.length === 0) {
        return callback(new TargetRefused(`${hostname} resolves to no public address`), '', 0);
      }
      if (options.all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Refuses URLs that are not http(s), or whose literal host is a private address. */
export function checkTarget(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TargetRefused('only http and https URLs');
  }
  if (url.username || url.password) throw new TargetRefused('no credentials in the URL');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost'))) {
    throw new TargetRefused('loopback targets are not allowed');
  }
  if (!allowPrivate && isIP(host) && !isPublicAddress(host)) {
    throw new TargetRefused('private, loopback and link-local targets are not allowed');
  }
  return url;
}

/** Resolves a host now (at creation) to refuse one that only has private addresses. */
export async function checkResolvable(raw: string, allowPrivate: boolean): Promise<void> {
  const url = checkTarget(raw, allowPrivate);
  if (allowPrivate || isIP(url.hostname.replace(/^\[|\]$/g, ''))) return;
  await new Promise<void>((resolve, reject) =>
    guardedLookup(false)(url.hostname, { all: true }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  latencyMs: number;
}

/** One POST to a user-given URL: guarded target, bounded time and answer size. */
export function post(
  raw: string,
  headers: Record<string, string>,
  body: string | Buffer,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<OutboundResponse> {
  const url = checkTarget(raw, options.allowPrivate);
  const started = performance.now();
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate),
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= 64 * 1024) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            latencyMs: Math.round(performance.now() - started),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
