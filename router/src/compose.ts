import { composeServices } from '@apollo/composition';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';

export const WORKSPACE_ROOT = join(
  __dirname,
  '..',
  '..',
  existsSync(join(__dirname, '..', '..', 'pnpm-workspace.yaml')) ? '' : '..',
);
export const SUPERGRAPH_FILE = join(WORKSPACE_ROOT, 'router', 'supergraph.graphql');

export interface SubgraphSource {
  name: string;
  port: number;
  url: string;
  sdl: string;
}

/** Every workspace subgraph that declares a service and commits its SDL. */
export function subgraphSources(root = WORKSPACE_ROOT): SubgraphSource[] {
  const dir = join(root, 'subgraphs');
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter(
      (path) => existsSync(join(path, 'package.json')) && existsSync(join(path, 'schema.graphql')),
    )
    .map((path) => {
      const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as {
        saldo?: { service?: string; port?: number };
      };
      return { pkg, path };
    })
    .filter(({ pkg }) => pkg.saldo?.service && pkg.saldo.port)
    .map(({ pkg, path }) => ({
      name: pkg.saldo!.service!,
      port: pkg.saldo!.port!,
      url: `http://127.0.0.1:${pkg.saldo!.port!}/graphql`,
      sdl: readFileSync(join(path, 'schema.graphql'), 'utf8'),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const HEADER =
  "# Composed by `pnpm compose` from the subgraphs' committed schema.graphql files. Do not edit.\n";

/** Composes with @apollo/composition; throws with every composition error listed. */
export function composeSupergraph(sources: readonly SubgraphSource[]): string {
  const result = composeServices(
    sources.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) {
    throw new Error(
      `Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
  }
  return `${HEADER}${result.supergraphSdl.trim()}\n`;
}

/** `pnpm compose` writes router/supergraph.graphql; `--check` fails if it is stale or composition fails. */
export function main(argv = process.argv): void {
  try {
    const composed = composeSupergraph(subgraphSources());
    if (argv.includes('--check')) {
      const committed = existsSync(SUPERGRAPH_FILE) ? readFileSync(SUPERGRAPH_FILE, 'utf8') : '';
      if (committed !== composed) {
        process.stderr.write(
          'router/supergraph.graphql is stale: run `pnpm compose` and commit it.\n',
        );
        process.exitCode = 1;
        return;
      }
      process.stdout.write('supergraph composes and is up to date\n');
      return;
    }
    writeFileSync(SUPERGRAPH_FILE, composed);
    process.stdout.write(`wrote ${SUPERGRAPH_FILE}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
