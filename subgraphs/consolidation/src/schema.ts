import {
  Scope,
  type FederatedSchemaOptions,
  type LiveField,
  callerOnlyUserReference,
} from '@saldo/kit';
import { resolveAccounts } from './balances/account.reference';
import { AccountBalancesResolver, DailyBalanceResolver } from './balances/daily-balance.resolver';
import { Account, DailyBalance } from './balances/daily-balance.types';
import { CashFlowResolver } from './cashflow/cash-flow.resolver';
import { User } from './cashflow/cash-flow.types';
import { DayResolver } from './close/day.resolver';
import { RebuildResolver } from './rebuild/rebuild.resolver';

const dailyBalanceUpdated: LiveField = {
  name: 'dailyBalanceUpdated',
  subject: 'consolidation.daily_balance.updated',
  payload: DailyBalance,
  filterArgs: ['accountId'],
  scope: Scope.LEDGER_READ,
  description:
    "Your accounts' days as their numbers change (the entry's own day; later days move too); pass accountId to follow one account.",
  toPayload: (data) => DailyBalance.fromEvent(data),
};

/** Consolidation's federated schema: resolvers, entity references and the live field. */
export const schemaOptions: FederatedSchemaOptions = {
  resolvers: [
    AccountBalancesResolver,
    DailyBalanceResolver,
    CashFlowResolver,
    DayResolver,
    RebuildResolver,
  ],
  // Reachable only through `_entities`: listed so the SDL has them.
  orphanedTypes: [Account, User],
  references: {
    Account: resolveAccounts,
    User: callerOnlyUserReference(Scope.LEDGER_READ, (id) => User.of(id)),
  },
  live: [dailyBalanceUpdated],
};
