import {
  byKeys,
  callerOnlyUserReference,
  requireScope,
  Scope,
  type ReferenceResolver,
} from '@saldo/kit';
import { Charge } from './charges/charge.types';
import { User } from './common/stubs';
import type { BillingContext } from './services';

/** Batched per request by the kit; another user's id resolves to null. */
export const references: Record<string, ReferenceResolver<BillingContext>> = {
  Charge: async (ids, ctx) => {
    const userId = requireScope(ctx.caller, Scope.BILLING_READ);
    const s = ctx.services;
    const rows = await s.charges.byIds(ctx.em, userId, ids);
    return byKeys(
      ids,
      rows.map((r) => Charge.from(r, (c) => s.charges.pdfUrl(c))),
      (c) => c.id,
    );
  },
  User: callerOnlyUserReference(Scope.BILLING_READ, (id) => User.of(id)),
};
