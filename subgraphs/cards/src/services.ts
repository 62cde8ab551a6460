import type { RequestContext, SubgraphRuntime } from '@saldo/kit';
import { CardService } from './cards/card.service';
import type { Clock } from '@saldo/kit';
import type { CardsSettings } from './config';
import { InvoiceService } from './invoices/invoice.service';
import { PaymentService } from './payments/payment.service';
import { PurchaseService } from './purchases/purchase.service';
import { RefundService } from './purchases/refund.service';
import { InvoiceScheduler } from './scheduler/invoice.scheduler';
import { StatementImportService } from './statements/statement-import';

/** The domain services: they need nothing of the running subgraph but the clock. */
export interface CoreServices {
  clock: Clock;
  cards: CardService;
  invoices: InvoiceService;
  purchases: PurchaseService;
  refunds: RefundService;
  payments: PaymentService;
  /** Card statements confirmed in the import subgraph. */
  statements: StatementImportService;
}

export interface CardsServices extends CoreServices {
  /** Closes invoices, marks overdue ones, sends due-soon notices; `runOnce(now)` in tests. */
  scheduler: InvoiceScheduler;
}

/** Built before the subgraph starts: event handlers need them too. */
export function createCoreServices(clock: Clock): CoreServices {
  const cards = new CardService(clock);
  const invoices = new InvoiceService(cards);
  const purchases = new PurchaseService(cards);
  const refunds = new RefundService(cards);
  const payments = new PaymentService(cards, invoices);
  return {
    clock,
    cards,
    invoices,
    purchases,
    refunds,
    payments,
    statements: new StatementImportService(purchases, refunds, payments),
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
