import { Scope, type FederatedSchemaOptions, type LiveField } from '@saldo/kit';
import { ChargeBatchResolver, ChargeBatchUpdateResolver } from './batches/batch.resolver';
import { ChargeBatchUpdate } from './batches/batch.types';
import { ChargeResolver } from './charges/charge.resolver';
import { AccountRef, User } from './common/stubs';
import { ProfileResolver } from './profiles/profile.resolver';
import { references } from './references';

const chargeBatchUpdated: LiveField = {
  name: 'chargeBatchUpdated',
  subject: 'billing.batch.updated',
  payload: ChargeBatchUpdate,
  filterArgs: ['batchId'],
  scope: Scope.BILLING_READ,
  description: "Your charge batches' status, totals and progress; pass batchId to follow one.",
  toPayload: (data) => ChargeBatchUpdate.fromEvent(data),
};

/** The billing subgraph's federated schema: resolvers, entity references and the live field. */
export const schemaOptions: FederatedSchemaOptions = {
  resolvers: [ProfileResolver, ChargeResolver, ChargeBatchResolver, ChargeBatchUpdateResolver],
  orphanedTypes: [User, AccountRef],
  references,
  live: [chargeBatchUpdated],
};
