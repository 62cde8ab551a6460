import { composeServices } from '@apollo/composition';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildASTSchema, parse, printSchema, visit, type DocumentNode } from 'graphql';

export const WORKSPACE_ROOT = join(
  __dirname,
  '..',
  '..',
  existsSync(join(__dirname, '..', '..', 'pnpm-workspace.yaml')) ? '' : '..',
);
export const SUPERGRAPH_FILE = join(WORKSPACE_ROOT, 'router', 'supergraph.graphql');
/** The public API schema (no federation machinery): what clients and codegen.ts build on. */
export const API_SCHEMA_FILE = join(WORKSPACE_ROOT, 'router', 'schema.graphql');

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
const API_HEADER =
  '# The public API schema, written by `pnpm compose` (the supergraph without federation\n' +
  '# directives or router-internal fields). Clients generate their code from it. Do not edit.\n';

export interface Composed {
  /** router/supergraph.graphql */
  supergraph: string;
  /** router/schema.graphql */
  apiSchema: string;
}

/** Composes with @apollo/composition; throws with every composition error listed. */
export function compose(sources: readonly SubgraphSource[]): Composed {
  const result = composeServices(
    sources.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) {
    throw new Error(
      `Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
  }
  const api = withoutInternalFields(
    parse(printSchema(result.schema.toAPISchema().toGraphQLJSSchema())),
  );
  return {
    supergraph: `${HEADER}${result.supergraphSdl.trim()}\n`,
    apiSchema: `${API_HEADER}${printSchema(buildASTSchema(api)).trim()}\n`,
  };
}

export function composeSupergraph(sources: readonly SubgraphSource[]): string {
  return compose(sources).supergraph;
}

// `_live_<field>` query fields only serve the router's own subscription payloads.
function withoutInternalFields(document: DocumentNode): DocumentNode {
  return visit(document, {
    FieldDefinition: (node) => (node.name.value.startsWith('_live_') ? null : undefined),
  });
}

const OUTPUTS = [
  { file: SUPERGRAPH_FILE, name: 'router/supergraph.graphql', key: 'supergraph' },
  { file: API_SCHEMA_FILE, name: 'router/schema.graphql', key: 'apiSchema' },
] as const;

/**
 * `pnpm compose` writes router/supergraph.graphql and router/schema.graphql; `--check`
 * fails if either is stale or composition fails.
 */
export function main(argv = process.argv): void {
  try {
    const composed = compose(subgraphSources());
    if (argv.includes('--check')) {
      const stale = OUTPUTS.filter(
        ({ file, key }) => (existsSync(file) ? readFileSync(file, 'utf8') : '') !== composed[key],
      );
      if (stale.length > 0) {
        process.stderr.write(
          `${stale.map((o) => o.name).join(' and ')} ${stale.length > 1 ? 'are' : 'is'} stale: run \`pnpm compose\` and commit.\n`,
        );
        process.exitCode = 1;
        return;
      }
      process.stdout.write('supergraph composes; supergraph and API schema are up to date\n');
      return;
    }
    for (const { file, key } of OUTPUTS) {
      writeFileSync(file, composed[key]);
      process.stdout.write(`wrote ${file}\n`);
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
