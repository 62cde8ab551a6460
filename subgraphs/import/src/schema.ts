import { Scope, type FederatedSchemaOptions, type LiveField } from '@saldo/kit';
import { User } from './common/stubs';
import { ImportJobResolver, ImportJobUpdateResolver, ImportRowResolver } from './jobs/job.resolver';
import { ImportJobUpdate } from './jobs/job.types';
import { CsvMappingResolver } from './mappings/mapping.resolver';
import { references } from './references';
import { UserResolver } from './users/user.resolver';

const importJobUpdated: LiveField = {
  name: 'importJobUpdated',
  subject: 'import.job.updated',
  payload: ImportJobUpdate,
  filterArgs: ['jobId'],
  scope: Scope.IMPORT_READ,
  description: "Your import jobs' status and totals as they change; pass jobId to follow one.",
  toPayload: (data) => ImportJobUpdate.fromEvent(data),
};

/** The import subgraph's federated schema: resolvers, entity references and the live field. */
export const schemaOptions: FederatedSchemaOptions = {
  resolvers: [
    ImportJobResolver,
    ImportRowResolver,
    ImportJobUpdateResolver,
    CsvMappingResolver,
    UserResolver,
  ],
  orphanedTypes: [User],
  references,
  live: [importJobUpdated],
};
