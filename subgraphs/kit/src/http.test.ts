import { request } from 'node:http';
import { HttpService, routeParams, sendJson, type Handler } from './http';
import { createLogger } from './logger';

interface Echo {
  name: string;
  params: Record<string, string>;
}

async function echoOf(port: number, path: string): Promise<Echo> {
  return JSON.parse((await get(port, path)).body) as Echo;
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('HttpService routes', () => {
  const echo =
    (name: string): Handler =>
    (req, res) =>
      sendJson(res, 200, { name, params: routeParams(req) });
  let service: HttpService;
  let port: number;

  beforeAll(async () => {
    const routes: Record<string, Handler> = {
      'GET /charges/summary': echo('exact'),
      'GET /charges/:id/boleto.pdf': echo('pdf'),
      'GET /charges/:id': echo('one'),
    };
    // A table whose lookups fall back (as the router's dashboard does) never shadows a pattern.
    const withFallback = new Proxy(routes, {
      get: (target, key) =>
        typeof key === 'string' && !Object.hasOwn(target, key) && key.startsWith('GET ')
          ? echo('fallback')
          : target[key as string],
    });
    service = new HttpService({
      port: 0,
      host: '127.0.0.1',
      routes: withFallback,
      log: createLogger('http-test', 'silent'),
    });
    port = (await service.listen()).port;
  });
  afterAll(async () => {
    await service.close();
  });

  it('matches exact routes first, then :param segments (decoded), then the fallback', async () => {
    expect(await echoOf(port, '/charges/summary')).toEqual({
      name: 'exact',
      params: {},
    });
    expect(await echoOf(port, '/charges/a%20b/boleto.pdf?sig=1')).toEqual({
      name: 'pdf',
      params: { id: 'a b' },
    });
    expect(await echoOf(port, '/charges/42')).toEqual({
      name: 'one',
      params: { id: '42' },
    });
    expect((await echoOf(port, '/charges/42/other')).name).toBe('fallback');
    expect((await echoOf(port, '/charges//boleto.pdf')).name).toBe('fallback');
  });
});
