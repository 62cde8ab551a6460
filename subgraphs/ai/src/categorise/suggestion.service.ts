import { badInput, type EntityManager } from '@saldo/kit';
import { RuleService } from '../rules/rule.service';
import type { ModelCache } from './model-cache';
import type { EntryKind } from './model';

export type SuggestionSource = 'RULE' | 'MODEL' | 'MERCHANT' | 'PROVIDER';

export interface SuggestionInput {
  description: string;
  /** Decimal, positive (as the ledger's amounts are). */
  amount: string;
  kind: EntryKind;
  accountId?: string | null;
}

export interface Suggestion {
  categoryId: string;
  confidence: number;
  source: SuggestionSource;
  reason: string;
}

export const MAX_SUGGESTIONS = 1000;

/** A decimal's order of magnitude in cents: only the model's amount feature uses it. */
function approxMinor(decimal: string): bigint {
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  return BigInt((whole || '0') + fraction.padEnd(2, '0').slice(0, 2));
}

/** Rules first (oldest first), then the user's model and merchant groups, else null. */
export class SuggestionService {
  constructor(
    private readonly models: ModelCache,
    private readonly rules: RuleService,
    private readonly minConfidence: number,
  ) {}

  async suggest(
    em: EntityManager,
    userId: string,
    inputs: readonly SuggestionInput[],
  ): Promise<(Suggestion | null)[]> {
    if (inputs.length > MAX_SUGGESTIONS) {
      throw badInput(`at most ${MAX_SUGGESTIONS} inputs per call`, { field: 'inputs' });
    }
    if (inputs.length === 0) return [];
    const rules = await this.rules.list(em, userId);
    const model = await this.models.modelOf(em, userId);
    return inputs.map((input) => {
      const rule = RuleService.firstMatch(rules, {
        description: input.description,
        amount: input.amount.replace('-', ''),
        kind: input.kind,
        accountId: input.accountId ?? null,
      });
      if (rule) {
        return {
          categoryId: rule.categoryId,
          confidence: 1,
          source: 'RULE',
          reason: `rule ${rule.id}`,
        };
      }
      return model.predict(
        {
          description: input.description,
          kind: input.kind,
          amountMinor: approxMinor(input.amount),
        },
        this.minConfidence,
      );
    });
  }
}
