import { badInput, type EntityManager } from '@saldo/kit';
import { RuleService } from '../rules/rule.service';
import { categories, GROUP_DEFAULTS, type DefaultCategory } from './categories';
import { merchantOf } from './merchants';
import type { ModelCache } from './model-cache';
import type { EntryKind } from './model';
import { normalise } from './normalise';

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
  /** The rule that decided (source RULE). */
  ruleId?: string;
}

export const MAX_SUGGESTIONS = 1000;

/**
 * A well-known merchant the user's own history says nothing about goes to the ledger's
 * default category for its kind of spending (iFood -> Restaurantes). Measured on the
 * generated set (`pnpm bench:ai`: cold_known_merchants_*); above AI_MIN_CONFIDENCE's default.
 */
export const COLD_START_CONFIDENCE = 0.8;

/** The cold-start answer for `input`, or null (unknown merchant, no such default). */
export function coldStart(
  input: Pick<SuggestionInput, 'description' | 'kind'>,
  defaults: ReadonlyMap<string, DefaultCategory>,
): Suggestion | null {
  const merchant = merchantOf(normalise(input.description));
  if (!merchant) return null;
  const key = GROUP_DEFAULTS[merchant.group];
  const category = defaults.get(key);
  if (!category || category.kind !== input.kind) return null;
  return {
    categoryId: category.id,
    confidence: COLD_START_CONFIDENCE,
    source: 'MERCHANT',
    reason: `${merchant.name}: built-in merchant, default category ${key}`,
  };
}

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
    let defaults: Map<string, DefaultCategory> | null = null;
    const answers = inputs.map((input): Suggestion | null => {
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
          ruleId: rule.id,
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
    // Where the user's own history abstains: the built-in merchants, if confident enough.
    if (COLD_START_CONFIDENCE < this.minConfidence) return answers;
    for (const [i, answer] of answers.entries()) {
      if (answer) continue;
      defaults ??= await categories.defaults(em, userId);
      answers[i] = coldStart(inputs[i] as SuggestionInput, defaults);
    }
    return answers;
  }
}
