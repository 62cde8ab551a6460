import { Scope, type FederatedSchemaOptions, type LiveField } from '@saldo/kit';
import { AccountResolver } from './accounts/account.resolver';
import { BalanceChangeResolver } from './balances/balance-change.resolver';
import { BalanceChange } from './balances/balance-change.types';
import { BudgetResolver } from './budgets/budget.resolver';
import { CategoryResolver } from './categories/category.resolver';
import { EntryFieldsResolver, PostingResolver } from './entries/entry-fields.resolver';
import { EntryResolver } from './entries/entry.resolver';
import { RecurrenceResolver } from './recurrences/recurrence.resolver';
import { references } from './references';
import { CategoryTotalResolver, SummaryResolver } from './summary/summary.resolver';
import { UserResolver } from './users/user.resolver';
import { User } from './users/user.types';

const balanceChanged: LiveField = {
  name: 'balanceChanged',
  subject: 'ledger.balance.changed',
  payload: BalanceChange,
  filterArgs: ['accountId'],
  scope: Scope.LEDGER_READ,
  description: 'Your account balances as they change; pass accountId to follow one account.',
  toPayload: (data) => BalanceChange.fromEvent(data),
};

/** The ledger's federated schema: resolvers, entity references and the live field. */
export const schemaOptions: FederatedSchemaOptions = {
  resolvers: [
    AccountResolver,
    CategoryResolver,
    EntryResolver,
    EntryFieldsResolver,
    PostingResolver,
    RecurrenceResolver,
    BudgetResolver,
    SummaryResolver,
    CategoryTotalResolver,
    UserResolver,
    BalanceChangeResolver,
  ],
  // Reachable only through `_entities`: listed so the SDL has it.
  orphanedTypes: [User],
  references,
  live: [balanceChanged],
};
