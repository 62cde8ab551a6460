import { requireScope, Scope, type ReferenceResolver } from '@saldo/kit';
import { EntryRef } from './common/stubs';
import type { AiContext } from './services';

/** The entry itself is the ledger's; its suggestion checks the caller (another user's: null). */
export const references: Record<string, ReferenceResolver<AiContext>> = {
  Entry: async (ids, ctx) => {
    requireScope(ctx.caller, Scope.LEDGER_READ);
    return ids.map((id) => EntryRef.of(id));
  },
};
