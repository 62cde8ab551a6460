import { createSubgraph, systemClock, type Clock, type Logger, type Subgraph } from '@saldo/kit';
import { migrations } from '../migrations';
import { ChargeOutcomeReporter, chargeEmailHandlers } from './charges/charge-emails';
import { notificationsSettings, type NotificationsConfig } from './config';
import { PreferenceEntity } from './preferences/preference.entity';
import { PushSubscriptionEntity } from './push/push.entity';
import { schemaOptions } from './schema';
import { createCoreServices, createServices, type NotificationsServices } from './services';
import { triggerHandlers } from './triggers/trigger.handlers';
import { WebhookEndpointEntity } from './webhooks/webhook.entity';
import { whatsappRoutes } from './whatsapp/whatsapp.routes';

export type Notifications = Subgraph<NotificationsServices>;

export interface StartOptions {
  clock?: Clock;
  /** Tests drive the delivery worker themselves (`services.dispatcher.runOnce()`). */
  dispatcher?: boolean;
}

/**
 * Starts the notifications subgraph: its database, the NOTIFICATIONS stream (the live
 * inbox events), the consumer of identity's, ledger's and cards' events and of billing's
 * charge emails (to payers; outcomes reported back), the delivery worker, the bill scan and the GraphQL API. `database` overrides `saldo_notifications`.
 */
export async function startNotifications(
  config: NotificationsConfig,
  database?: string,
  options: StartOptions = {},
): Promise<Notifications> {
  const settings = notificationsSettings(config);
  const core = createCoreServices(settings, options.clock ?? systemClock);
  return createSubgraph<NotificationsServices>({
    name: 'notifications',
    config,
    database,
    entities: [PreferenceEntity, WebhookEndpointEntity, PushSubscriptionEntity],
    migrations,
    schema: schemaOptions,
    streams: ['notifications'],
    services: (runtime) => createServices(settings, runtime, core),
    handlers: {
      ...triggerHandlers({
        notifier: core.notifier,
        kick: core.kick,
        passwordResetUrl: settings.PASSWORD_RESET_URL,
      }),
      ...chargeEmailHandlers({ kick: core.kick, clock: core.clock }),
    },
    routes: (runtime, services) => whatsappRoutes(runtime, services, settings),
    background: (runtime, services) => {
      const stops: (() => Promise<void>)[] = [];
      if (options.dispatcher !== false) services.dispatcher.start();
      stops.push(() => services.dispatcher.stop());
      const reporter = new ChargeOutcomeReporter(
        runtime.orm,
        core.clock,
        runtime.log.child({ component: 'charge-outcomes' }),
      );
      stops.push(
        startEvery(settings.CHARGE_REPORT_INTERVAL_MS, () => reporter.runOnce(), runtime.log),
      );
      if (settings.SCHEDULER_INTERVAL_MS > 0) {
        stops.push(services.bills.start(settings.SCHEDULER_INTERVAL_MS));
        stops.push(
          startEvery(settings.SCHEDULER_INTERVAL_MS, () => services.daily.runOnce(), runtime.log),
        );
      }
      return async () => {
        for (const stop of stops) await stop();
      };
    },
  });
}

/** Runs `fn` now and every `ms`, one run at a time; returns what stops it. */
function startEvery(ms: number, fn: () => Promise<unknown>, log: Logger): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = fn().catch((error: unknown) => log.error({ err: error }, 'scheduled run failed'));
  };
  const timer = setInterval(tick, ms);
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
