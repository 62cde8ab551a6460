// GraphQL Code Generator: typed documents for the clients, from the router's public API
// schema (router/schema.graphql, written by `pnpm compose`) and each client's operation
// files. `pnpm codegen` regenerates; `pnpm codegen --check` (part of `pnpm test`) fails
// when a generated file is stale.
import { existsSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

const schema = 'router/schema.graphql';

// Scalars travel as strings: money as Decimal strings ("-1234.56"), never floats.
const scalars = {
  Decimal: 'string',
  LocalDate: 'string',
  DateTime: 'string',
  // Free-form JSON (e.g. Notification.data): callers narrow it themselves.
  JSON: 'unknown',
};

const clientPreset = {
  preset: 'client',
  presetConfig: {
    fragmentMasking: false,
    // Hashes of every document (persisted-documents.json), so the router can later
    // accept only known operations from first-party clients.
    persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
  },
  config: {
    scalars,
    strictScalars: true,
    enumsAsTypes: true,
    useTypeImports: true,
    skipTypename: true,
  },
} as const;

const generates: CodegenConfig['generates'] = {
  'clients/sdk/src/generated/': {
    ...clientPreset,
    documents: ['clients/sdk/src/operations/*.graphql'],
  },
  // client.<domain>.<method>: one group per operation file, one method per operation.
  'clients/sdk/src/generated/operations.ts': {
    documents: ['clients/sdk/src/operations/*.graphql'],
    plugins: ['./clients/sdk/codegen/operations-plugin.cjs'],
  },
};

// The dashboard joins once it exists.
if (existsSync('clients/dashboard/package.json')) {
  generates['clients/dashboard/src/gql/'] = {
    ...clientPreset,
    documents: ['clients/dashboard/src/**/*.{ts,tsx,graphql}', '!clients/dashboard/src/gql/**'],
  };
}

const config: CodegenConfig = {
  schema,
  generates,
  overwrite: true,
  ignoreNoDocuments: false,
};

export default config;
