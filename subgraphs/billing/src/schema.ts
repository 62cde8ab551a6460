import type { FederatedSchemaOptions } from '@saldo/kit';
import { ChargeResolver } from './charges/charge.resolver';
import { AccountRef, User } from './common/stubs';
import { ProfileResolver } from './profiles/profile.resolver';
import { references } from './references';

/** The billing subgraph's federated schema: resolvers and entity references. */
export const schemaOptions: FederatedSchemaOptions = {
  resolvers: [ProfileResolver, ChargeResolver],
  orphanedTypes: [User, AccountRef],
  references,
};
