import type { RequestContext, SubgraphRuntime } from '@saldo/kit';
import { CardService } from './cards/card.service';
import type { Clock } from '@saldo/kit';
import type { CardsSettings } from './config';
import { InvoiceService } from './invoices/invoice.service';
import { PaymentService } from './payments/payment.service';
import { PurchaseService } from './purchases/purchase.service';
import { RefundService } from './purchases/refund.service';
import { InvoiceScheduler } from './scheduler/invoice.scheduler';

/** The domain services: they need nothing of the running subgraph but the clock. */
export interface CoreServices {
  clock: Clock;
  cards: CardService;
  invoices: InvoiceService;
  purchases: PurchaseService;
  refunds: RefundService;
  payments: PaymentService;
}

export interface CardsServices extends CoreServices {
  /** Closes invoices, marks overdue ones, sends due-soon notices; `runOnce(now)` in tests. */
  scheduler: InvoiceScheduler;
}

/** Built before the subgraph starts: event handlers need them too. */
export function createCoreServices(clock: Clock): CoreServices {
  const cards = new CardService(clock);
  const invoices = new InvoiceService(cards);
  return {
    clock,
    cards,
    invoices,
    purchases: new PurchaseService(cards),
    refunds: new RefundService(cards),
    payments: new PaymentService(cards, invoices),
  };
}

export function createServices(
  settings: CardsSettings,
  runtime: Pick<SubgraphRuntime, 'orm' | 'log'>,
  core: CoreServices,
): CardsServices {
  const scheduler = new InvoiceScheduler(runtime.orm, core.clock, {
    dueSoonDays: settings.DUE_SOON_DAYS,
    log: runtime.log.child({ component: 'scheduler' }),
  });
  return { ...core, scheduler };
}

/** What the resolvers receive: the kit's request context with the cards services. */
export type CardsContext = RequestContext<CardsServices>;
