import { badInput, type LocalDate } from '@saldo/kit';
import {
  idOf,
  optionalKey,
  optionalText,
  pastOrToday,
  positiveAmount,
  requestHash,
  requiredText,
} from '../common/input';
import { MAX_INSTALLMENTS } from './installment-plan';

/** What a caller asks for. */
export interface NewPurchase {
  cardId: string;
  description: string;
  merchant?: string | null;
  categoryId?: string | null;
  totalAmount: string;
  purchaseDate: string;
  installmentCount?: number | null;
  idempotencyKey?: string | null;
}

/** undefined (or null, for required fields) keeps a field; null clears merchant and category. */
export interface PurchasePatch {
  description?: string | null;
  merchant?: string | null;
  categoryId?: string | null;
  totalAmount?: string | null;
  purchaseDate?: string | null;
  installmentCount?: number | null;
}

/** The validated terms of a purchase, but for the amount (which needs the card's currency). */
export interface PurchaseTerms {
  description: string;
  merchant: string | null;
  categoryId: string | null;
  purchaseDate: LocalDate;
  installmentCount: number;
}

export function installmentCountOf(value: number | null | undefined): number {
  const count = value ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_INSTALLMENTS) {
    throw badInput(`installmentCount must be 1-${MAX_INSTALLMENTS}`, { field: 'installmentCount' });
  }
  return count;
}

export const categoryIdOf = (value: string | null | undefined): string | null =>
  value ? idOf(value, 'Category', 'categoryId') : null;

export function termsOf(input: NewPurchase, today: LocalDate): PurchaseTerms {
  return {
    description: requiredText(input.description, 'description', 200),
    merchant: optionalText(input.merchant, 'merchant', 120),
    categoryId: categoryIdOf(input.categoryId),
    purchaseDate: pastOrToday(input.purchaseDate, 'purchaseDate', today),
    installmentCount: installmentCountOf(input.installmentCount),
  };
}

/** The current terms with a patch applied and validated. */
export function patchedTerms(
  current: PurchaseTerms,
  patch: PurchasePatch,
  today: LocalDate,
): PurchaseTerms {
  return {
    description:
      patch.description === undefined || patch.description === null
        ? current.description
        : requiredText(patch.description, 'description', 200),
    merchant:
      patch.merchant === undefined
        ? current.merchant
        : optionalText(patch.merchant, 'merchant', 120),
    categoryId:
      patch.categoryId === undefined ? current.categoryId : categoryIdOf(patch.categoryId),
    purchaseDate: patch.purchaseDate
      ? pastOrToday(patch.purchaseDate, 'purchaseDate', today)
      : current.purchaseDate,
    installmentCount:
      patch.installmentCount === undefined || patch.installmentCount === null
        ? current.installmentCount
        : installmentCountOf(patch.installmentCount),
  };
}

/** A total that splits into `count` installments of at least one minor unit each. */
export function totalOf(decimal: string, currency: string, count: number): bigint {
  const total = positiveAmount(decimal, currency, 'totalAmount');
  if (total < BigInt(count)) {
    throw badInput('Each installment must be at least one cent', { field: 'totalAmount' });
  }
  return total;
}

export const keyOf = (value: string | null | undefined) => optionalKey(value, 'idempotencyKey');

/** Same key + same hash is a replay: amounts compared in minor units ("10" = "10.00"). */
export function purchaseHash(cardId: string, terms: PurchaseTerms, total: bigint): string {
  return requestHash([
    cardId,
    terms.description,
    terms.merchant,
    terms.categoryId,
    total,
    terms.purchaseDate,
    terms.installmentCount,
  ]);
}
