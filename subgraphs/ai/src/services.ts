import type { Clock, RequestContext } from '@saldo/kit';
import { ModelCache } from './categorise/model-cache';
import { SuggestionService } from './categorise/suggestion.service';
import type { AiSettings } from './config';
import { entries } from './entries/entry.repository';
import { ForecastService } from './forecast/forecast.service';
import { RuleService } from './rules/rule.service';

/** Built before the subgraph starts: the event handlers drop cached models too. */
export interface AiServices {
  clock: Clock;
  entries: typeof entries;
  forecasts: ForecastService;
  models: ModelCache;
  rules: RuleService;
  suggestions: SuggestionService;
}

export function createServices(settings: AiSettings, clock: Clock): AiServices {
  const models = new ModelCache();
  const rules = new RuleService();
  return {
    clock,
    entries,
    forecasts: new ForecastService(),
    models,
    rules,
    suggestions: new SuggestionService(models, rules, settings.AI_MIN_CONFIDENCE),
  };
}

/** What the resolvers receive: the kit's request context with the ai services. */
export type AiContext = RequestContext<AiServices>;
