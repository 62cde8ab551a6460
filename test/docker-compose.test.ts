import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';

// No container engine runs here, so docker-compose.yml is checked statically.
const root = join(__dirname, '..');

interface ComposeService {
  image?: string;
  build?: { context: string; args?: Record<string, string> };
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

interface WorkspaceService {
  name: string;
  dir: string;
  port: number;
}

const workspaceServices: WorkspaceService[] = [
  ...readdirSync(join(root, 'subgraphs')).map((d) => join('subgraphs', d)),
  'router',
]
  .filter((dir) => existsSync(join(root, dir, 'package.json')))
  .map((dir) => ({
    dir,
    pkg: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
      saldo?: { service: string; port: number };
    },
  }))
  .filter(({ pkg }) => pkg.saldo?.service)
  .map(({ dir, pkg }) => ({ name: pkg.saldo!.service, dir, port: pkg.saldo!.port }));

/** Variables the service's config schema has no default for. */
function requiredEnv(dir: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- each service's own config module, loaded by path
  const { configSchema } = require(join(root, dir, 'src/config.ts')) as {
    configSchema: z.ZodObject;
  };
  return Object.entries(configSchema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);
}

describe('docker-compose.yml', () => {
  it('runs PostgreSQL and NATS >= 2.12 with JetStream fsyncing every write', () => {
    expect(compose.services['postgres']?.image).toMatch(/^postgres:\d+/);
    const nats = compose.services['nats']!;
    const [major, minor] = (nats.image ?? '')
      .replace(/^nats:/, '')
      .split(/[.-]/)
      .map(Number);
    expect(major! * 100 + minor!).toBeGreaterThanOrEqual(212);
    const conf = readFileSync(join(root, 'deploy/nats.conf'), 'utf8');
    expect(conf).toMatch(/jetstream\s*\{[^}]*sync_interval:\s*always/);
    expect(nats.healthcheck?.test.join(' ')).toContain('js-enabled-only');
  });

  it.each(workspaceServices.map((s) => [s.name, s] as const))(
    'has service %s, built from the workspace and health-checked',
    (_name, service) => {
      const entry = compose.services[service.name];
      expect(entry).toBeDefined();
      expect(entry!.build?.args?.['SERVICE_DIR']).toBe(service.dir);
      expect(String(entry!.environment?.['PORT'])).toBe(String(service.port));
      expect(entry!.healthcheck?.test.join(' ')).toContain('/ready');
      for (const dependency of Object.values(entry!.depends_on ?? {}))
        expect(dependency.condition).toBe('service_healthy');
      expect(Object.keys(entry!.depends_on ?? {})).toContain('nats');
    },
  );

  it.each(workspaceServices.map((s) => [s.name, s] as const))(
    'sets every variable %s requires',
    (_name, service) => {
      const environment = compose.services[service.name]?.environment ?? {};
      for (const key of requiredEnv(service.dir))
        expect([key, key in environment]).toEqual([key, true]);
    },
  );

  it('starts the router on 4000 after every subgraph is healthy', () => {
    const router = compose.services['router']!;
    expect(router.ports).toContain('4000:4000');
    const subgraphs = workspaceServices.filter((s) => s.name !== 'router').map((s) => s.name);
    expect(Object.keys(router.depends_on ?? {})).toEqual(expect.arrayContaining(subgraphs));
    const urls = String(router.environment?.['SUBGRAPH_URLS']);
    for (const s of workspaceServices.filter((w) => w.name !== 'router')) {
      expect(urls).toContain(`${s.name}=http://${s.name}:${s.port}/graphql`);
    }
  });

  it('builds every service with the Dockerfile', () => {
    expect(existsSync(join(root, 'Dockerfile'))).toBe(true);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toContain(
      'pnpm install --frozen-lockfile',
    );
  });
});
