import type { FederatedSchemaOptions } from '@saldo/kit';
import { EntrySuggestionResolver, SuggestionResolver } from './categorise/suggestion.resolver';
import { CategoryRef, EntryRef } from './common/stubs';
import { references } from './references';
import { RuleResolver } from './rules/rule.resolver';

/** The ai subgraph's federated schema: resolvers and references. */
export const schemaOptions: FederatedSchemaOptions = {
  resolvers: [SuggestionResolver, EntrySuggestionResolver, RuleResolver],
  orphanedTypes: [CategoryRef, EntryRef],
  references,
};
