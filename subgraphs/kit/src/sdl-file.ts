import { readFileSync, writeFileSync } from 'node:fs';
import { buildFederatedSchema, type FederatedSchemaOptions } from './schema';

const HEADER =
  '# Generated from the resolvers by `pnpm schema`. Do not edit: partners integrate against it.\n';

/** The committed SDL text a subgraph's schema options produce. */
export async function renderSdl(options: FederatedSchemaOptions): Promise<string> {
  const { sdl } = await buildFederatedSchema(options);
  return `${HEADER}${sdl.trim()}\n`;
}

/**
 * `pnpm schema` writes schema.graphql; `pnpm schema --check` fails when the
 * committed file differs from what the code produces.
 */
export async function schemaCommand(
  options: FederatedSchemaOptions,
  file: string,
  argv = process.argv,
): Promise<void> {
  const rendered = await renderSdl(options);
  if (argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // missing file: reported below
    }
    if (committed !== rendered) {
      process.stderr.write(`${file} is stale: run \`pnpm schema\` and commit it.\n`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(file, rendered);
}
