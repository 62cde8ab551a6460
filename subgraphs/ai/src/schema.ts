import type { FederatedSchemaOptions } from '@saldo/kit';
import { EntrySuggestionResolver, SuggestionResolver } from './categorise/suggestion.resolver';
import { AccountRef, CategoryRef, EntryRef } from './common/stubs';
import { ForecastResolver } from './forecast/forecast.resolver';
import { InsightsResolver } from './insights/insights.resolver';
import { references } from './references';
import { ReportResolver } from './reports/report.resolver';
import { RuleResolver } from './rules/rule.resolver';
import { AiSettingsResolver } from './settings/settings';
import { EntryTextResolver } from './text/entry-text.resolver';

/** The ai subgraph's federated schema: resolvers and references. */
export const schemaOptions: FederatedSchemaOptions = {
  resolvers: [
    SuggestionResolver,
    EntrySuggestionResolver,
    RuleResolver,
    EntryTextResolver,
    InsightsResolver,
    ForecastResolver,
    ReportResolver,
    AiSettingsResolver,
  ],
  orphanedTypes: [AccountRef, CategoryRef, EntryRef],
  references,
};
