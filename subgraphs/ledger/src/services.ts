import type { HandlerMap, RequestContext, SubgraphRuntime } from '@saldo/kit';
import { AccountRepository } from './accounts/account.repository';
import { AccountService } from './accounts/account.service';
import { BudgetService } from './budgets/budget.service';
import { CardAccounts } from './cards/card-account';
import { billingHandlers, ChargePayments } from './billing/charge-payments';
import { cardHandlers } from './cards/card.consumer';
import { PaymentTransfers } from './cards/payment-transfer';
import { PurchaseSync } from './cards/purchase-sync';
import { AutoCategorise, aiHandlers } from './ai/auto-categorise';
import { CategoryService } from './categories/category.service';
import { EntryService } from './entries/entry.service';
import { ImportBooking } from './import/import-booking';
import { importHandlers } from './import/import.consumer';
import { Materializer } from './recurrences/materialize';
import { RecurrenceRepository } from './recurrences/recurrence.repository';
import { RecurrenceScheduler } from './recurrences/recurrence.scheduler';
import { RecurrenceService } from './recurrences/recurrence.service';
import { SummaryService } from './summary/summary.service';
import { userHandlers } from './users/user.consumer';

/** The SQL of the ledger's tables, behind the services (stateless; `em` comes per call). */
export interface LedgerRepositories {
  accounts: AccountRepository;
  recurrences: RecurrenceRepository;
}

/** The domain services: they need nothing of the running subgraph. */
export interface CoreServices {
  accounts: AccountService;
  categories: CategoryService;
  entries: EntryService;
  recurrences: RecurrenceService;
  budgets: BudgetService;
  summary: SummaryService;
  /** What cards' events do to the ledger: the card's account, installments, payments. */
  cardAccounts: CardAccounts;
  cardPurchases: PurchaseSync;
  cardPayments: PaymentTransfers;
  /** Statement rows confirmed in the import subgraph, booked as IMPORT entries. */
  importBooking: ImportBooking;
  chargePayments: ChargePayments;
  /** Categories the ai subgraph is confident of. */
  autoCategorise: AutoCategorise;
}

export interface LedgerServices extends CoreServices {
  /** Materialises recurrences and posts their due occurrences; `runOnce(now)` in tests. */
  scheduler: RecurrenceScheduler;
}

export function createRepositories(): LedgerRepositories {
  return { accounts: new AccountRepository(), recurrences: new RecurrenceRepository() };
}

/** Built before the subgraph starts: the event handlers need them too. */
export function createCoreServices(repos: LedgerRepositories = createRepositories()): CoreServices {
  const accounts = new AccountService(repos.accounts);
  const categories = new CategoryService();
  const entries = new EntryService();
  const materializer = new Materializer(entries, repos.recurrences);
  return {
    accounts,
    categories,
    entries,
    recurrences: new RecurrenceService(repos.recurrences, entries, materializer),
    budgets: new BudgetService(categories, accounts),
    summary: new SummaryService(accounts),
    cardAccounts: new CardAccounts(repos.accounts, accounts),
    cardPurchases: new PurchaseSync(entries, categories),
    cardPayments: new PaymentTransfers(entries),
    importBooking: new ImportBooking(entries, categories),
    chargePayments: new ChargePayments(entries),
    autoCategorise: new AutoCategorise(entries),
  };
}

export function createServices(
  runtime: Pick<SubgraphRuntime, 'orm' | 'log'>,
  core: CoreServices,
): LedgerServices {
  const log = runtime.log.child({ component: 'scheduler' });
  return { ...core, scheduler: new RecurrenceScheduler(runtime.orm, log, core) };
}

/**
 * The events the ledger consumes: identity's users, cards' cards, purchases, payments,
 * imports, billing's paid charges, ai's categories.
 */
export function createHandlers(core: CoreServices): HandlerMap {
  const handlers = importHandlers(
    cardHandlers(userHandlers(core.categories), core),
    core.importBooking,
  );
  return aiHandlers(billingHandlers(handlers, core.chargePayments), core.autoCategorise);
}

/** What the resolvers receive: the kit's request context with the ledger's services. */
export type LedgerContext = RequestContext<LedgerServices>;
