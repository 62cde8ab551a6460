import type { EntrySnapshot } from '@saldo/events';
import { event, recordEvents, type EntityManager } from '@saldo/kit';
import { autoCategorises } from '../settings/settings';
import type { SuggestionService } from './suggestion.service';

/**
 * A new entry without a category, for a user with auto-categorise on: when ai is
 * confident, `ai.entry.categorised` (in the consumer's transaction); the ledger sets it
 * only if the entry is still uncategorised. Transfers are never categorised.
 */
export async function autoCategorise(
  em: EntityManager,
  suggestions: SuggestionService,
  e: EntrySnapshot,
): Promise<boolean> {
  if (e.categoryId !== null || e.deleted || e.kind === 'TRANSFER') return false;
  if (!(await autoCategorises(em, e.userId))) return false;
  const [suggestion] = await suggestions.suggest(em, e.userId, [
    {
      description: e.description,
      amount: e.amount.amount,
      kind: e.kind,
      accountId: e.accountId,
    },
  ]);
  if (!suggestion || suggestion.source === 'PROVIDER') return false;
  await recordEvents(em, [
    event('ai.entry.categorised', e.userId, {
      entryId: e.id,
      categoryId: suggestion.categoryId,
      source: suggestion.source,
      confidence: suggestion.confidence,
      ruleId: suggestion.ruleId ?? null,
      onlyIfUncategorised: true,
    }),
  ]);
  return true;
}
