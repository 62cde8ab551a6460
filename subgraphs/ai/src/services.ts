import type { Clock, RequestContext } from '@saldo/kit';
import { ModelCache } from './categorise/model-cache';
import { SuggestionService } from './categorise/suggestion.service';
import type { AiSettings } from './config';
import { entries } from './entries/entry.repository';
import { ForecastService } from './forecast/forecast.service';
import { InsightService } from './insights/insight.service';
import { ReportService, ReportWorker } from './reports/report.service';
import { RuleService } from './rules/rule.service';

/** Built before the subgraph starts: the event handlers drop cached models too. */
export interface AiServices {
  clock: Clock;
  entries: typeof entries;
  forecasts: ForecastService;
  insights: InsightService;
  models: ModelCache;
  reports: ReportService;
  reportWorker: ReportWorker;
  rules: RuleService;
  suggestions: SuggestionService;
}

export function createServices(settings: AiSettings, clock: Clock): AiServices {
  const models = new ModelCache();
  const rules = new RuleService();
  const forecasts = new ForecastService();
  const insights = new InsightService(forecasts);
  const { AI_BASE_URL, AI_API_KEY, AI_MODEL } = settings;
  const reports = new ReportService(insights, forecasts, clock, {
    provider:
      AI_BASE_URL && AI_API_KEY && AI_MODEL
        ? {
            baseUrl: AI_BASE_URL,
            apiKey: AI_API_KEY,
            model: AI_MODEL,
            timeoutMs: settings.AI_PROVIDER_TIMEOUT_MS,
          }
        : null,
    providerReportsPerDay: settings.AI_PROVIDER_REPORTS_PER_DAY,
  });
  return {
    clock,
    entries,
    forecasts,
    insights,
    models,
    reports,
    reportWorker: new ReportWorker(reports, settings.AI_REPORT_POLL_MS),
    rules,
    suggestions: new SuggestionService(models, rules, settings.AI_MIN_CONFIDENCE),
  };
}

/** What the resolvers receive: the kit's request context with the ai services. */
export type AiContext = RequestContext<AiServices>;
