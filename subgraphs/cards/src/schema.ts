import { Scope, type FederatedSchemaOptions, type LiveField } from '@saldo/kit';
import { CardResolver } from './cards/card.resolver';
import { User } from './common/stubs';
import {
  InvoiceItemResolver,
  InvoiceResolver,
  InvoiceUpdateResolver,
} from './invoices/invoice.resolver';
import { InvoiceUpdate } from './invoices/invoice.types';
import { PaymentResolver } from './payments/payment.resolver';
import {
  InstallmentResolver,
  PurchaseResolver,
  RefundResolver,
} from './purchases/purchase.resolver';
import { references } from './references';
import { UserResolver } from './users/user.resolver';

const invoiceUpdated: LiveField = {
  name: 'invoiceUpdated',
  subject: 'cards.invoice.updated',
  payload: InvoiceUpdate,
  filterArgs: ['cardId'],
  scope: Scope.CARDS_READ,
  description: 'Your invoices as they change; pass cardId to follow one card.',
  toPayload: (data) => InvoiceUpdate.fromEvent(data),
};

/** The cards subgraph's federated schema: resolvers, entity references and the live field. */
export const schemaOptions: FederatedSchemaOptions = {
  resolvers: [
    CardResolver,
    InvoiceResolver,
    InvoiceItemResolver,
    InvoiceUpdateResolver,
    PurchaseResolver,
    InstallmentResolver,
    RefundResolver,
    PaymentResolver,
    UserResolver,
  ],
  // Reachable only through `_entities`: listed so the SDL has it.
  orphanedTypes: [User],
  references,
  live: [invoiceUpdated],
};
