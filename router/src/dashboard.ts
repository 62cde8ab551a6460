import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Handler } from '@saldo/kit';
import { WORKSPACE_ROOT } from './compose';

/** Where `pnpm --filter @saldo/dashboard build` writes the dashboard. */
export const DASHBOARD_DIST = join(WORKSPACE_ROOT, 'clients', 'dashboard', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** API paths the dashboard never answers, even when no route matched (they 404 as JSON). */
const RESERVED = [
  '/graphql',
  '/uploads',
  '/billing',
  '/health',
  '/ready',
  '/metrics',
  '/.well-known',
];

function isReserved(path: string): boolean {
  return RESERVED.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** The file `GET path` serves from `dir`: a built file, or index.html for an app route. */
export function dashboardFile(dir: string, path: string): string | null {
  if (isReserved(path)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  const file = normalize(join(dir, decoded));
  if (file !== dir && !file.startsWith(dir + sep)) return null;
  if (decoded !== '/' && existsSync(file) && statSync(file).isFile()) return file;
  // SPA fallback: routes without a file extension are the app's own (/entries, /sign-in).
  if (extname(decoded) === '') {
    const index = join(dir, 'index.html');
    return existsSync(index) ? index : null;
  }
  return null;
}

function serve(file: string): Handler {
  return (_req, res) => {
    const hashed = file.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      // Vite fingerprints assets; index.html must be revalidated to pick up a new build.
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    return new Promise<void>((resolve, reject) => {
      createReadStream(file).on('error', reject).on('end', resolve).pipe(res);
    });
  };
}

/**
 * The router's routes plus the built dashboard: any `GET` that no route answers is looked
 * up in `dir` (SPA fallback to index.html). Explicit routes always win, and API paths
 * (/graphql, /uploads, /health ...) are never shadowed. Without a build nothing changes.
 */
export function withDashboard(
  routes: Record<string, Handler>,
  dir: string,
): Record<string, Handler> {
  if (!existsSync(join(dir, 'index.html'))) return routes;
  // HttpService looks routes up by `METHOD /path`; the proxy answers the GETs it lacks.
  return new Proxy(routes, {
    get(target, key) {
      if (typeof key !== 'string') return undefined;
      if (Object.hasOwn(target, key)) return target[key];
      if (!key.startsWith('GET ')) return undefined;
      const file = dashboardFile(dir, key.slice(4));
      return file ? serve(file) : undefined;
    },
  });
}
