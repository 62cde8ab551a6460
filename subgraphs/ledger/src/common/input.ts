import { badInput } from '@saldo/kit';

export {
  amountOf,
  currencyCode,
  MAX_AMOUNT,
  optionalDate,
  optionalKey,
  optionalText,
  positiveAmount,
  requiredText,
} from '@saldo/kit';

/** Tags: trimmed, de-duplicated, at most 20 of at most 40 characters each. */
export function cleanTags(tags: readonly string[] | null | undefined): string[] {
  const unique = [...new Set((tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))];
  if (unique.length > 20) throw badInput('At most 20 tags', { field: 'tags' });
  if (unique.some((t) => t.length > 40)) {
    throw badInput('A tag has at most 40 characters', { field: 'tags' });
  }
  return unique;
}
