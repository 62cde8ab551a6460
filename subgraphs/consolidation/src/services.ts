import type { RequestContext, SubgraphRuntime } from '@saldo/kit';
import { BalanceEmitter } from './balances/emitter';
import { DailyBalances } from './balances/daily-balance.service';
import { CashFlow } from './cashflow/cash-flow.service';
import { DayCloser } from './close/day-closer';
import { Days } from './close/day.service';
import type { Clock } from '@saldo/kit';
import { clockTime, type ConsolidationSettings } from './config';
import type { LedgerProjector } from './projection/projector';
import { Rebuilder } from './rebuild/rebuilder';

export interface ConsolidationServices {
  clock: Clock;
  projector: LedgerProjector;
  balances: DailyBalances;
  cashFlow: CashFlow;
  days: Days;
  closer: DayCloser;
  emitter: BalanceEmitter;
  rebuilder: Rebuilder;
}

/** Built before the subgraph starts: the consumer's handlers need them. */
export interface Core {
  clock: Clock;
  projector: LedgerProjector;
  defaultTimeZone: string;
}

/** Builds the services once per running subgraph. */
export function createServices(
  settings: ConsolidationSettings,
  runtime: SubgraphRuntime,
  core: Core,
): ConsolidationServices {
  const { orm, log, messaging } = runtime;
  const { clock, projector } = core;
  const lag = () => runtime.consumer?.lag() ?? Promise.resolve(0);
  return {
    clock,
    projector,
    balances: new DailyBalances(settings.MAX_RANGE_DAYS),
    cashFlow: new CashFlow(settings.MAX_RANGE_DAYS),
    days: new Days(),
    closer: new DayCloser({
      orm,
      clock,
      rule: { closeAt: clockTime(settings.CLOSE_AT), settleMinutes: settings.SETTLE_DELAY_MINUTES },
      defaultTimeZone: core.defaultTimeZone,
      lag,
      log: log.child({ component: 'close' }),
    }),
    emitter: new BalanceEmitter(orm, log.child({ component: 'emitter' }), {
      batchSize: settings.EMIT_BATCH_SIZE,
      pauseAboveLag: settings.EMIT_PAUSE_LAG,
      lag,
    }),
    rebuilder: new Rebuilder({
      orm,
      messaging,
      clock,
      projector,
      log: log.child({ component: 'rebuild' }),
      batchSize: settings.REBUILD_BATCH_SIZE,
      consumerName: runtime.name,
      databaseUrl: runtime.databaseUrl,
    }),
  };
}

/** What consolidation's resolvers receive: the kit's request context with its services. */
export type ConsolidationContext = RequestContext<ConsolidationServices>;
