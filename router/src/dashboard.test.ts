import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Handler } from '@saldo/kit';
import { dashboardFile, withDashboard } from './dashboard';

describe('the built dashboard at /', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'saldo-dashboard-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('serves built files and falls back to index.html for app routes', () => {
    expect(dashboardFile(dir, '/')).toBe(join(dir, 'index.html'));
    expect(dashboardFile(dir, '/assets/index-abc.js')).toBe(join(dir, 'assets', 'index-abc.js'));
    expect(dashboardFile(dir, '/entries')).toBe(join(dir, 'index.html'));
    expect(dashboardFile(dir, '/cards/123/invoices')).toBe(join(dir, 'index.html'));
  });

  test('never shadows API paths, never leaves its folder, 404s missing assets', () => {
    for (const path of ['/graphql', '/graphql/x', '/uploads', '/health', '/ready', '/metrics'])
      expect(dashboardFile(dir, path)).toBeNull();
    expect(dashboardFile(dir, '/.well-known/jwks.json')).toBeNull();
    expect(dashboardFile(dir, '/../../etc/passwd')).toBeNull();
    expect(dashboardFile(dir, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(dashboardFile(dir, '/assets/missing.js')).toBeNull();
    expect(dashboardFile(dir, '/%E0%A4%A')).toBeNull();
  });

  test('explicit routes win; only GETs reach the dashboard; no build changes nothing', () => {
    const health: Handler = () => undefined;
    const routes = withDashboard({ 'GET /health': health }, dir);
    expect(routes['GET /health']).toBe(health);
    expect(routes['GET /entries']).toBeInstanceOf(Function);
    expect(routes['POST /entries']).toBeUndefined();
    expect(routes['GET /graphql']).toBeUndefined();
    const bare = { 'GET /health': health };
    expect(withDashboard(bare, join(dir, 'nothing-here'))).toBe(bare);
  });
});
