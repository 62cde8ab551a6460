import { badInput } from '@saldo/kit';
import type { TextLocale } from '../text/entry-text';

/**
 * A caller's `locale` argument: "pt", "pt-BR" -> pt-BR; "en-US" -> en-US (month-first
 * dates); other English -> en; absent -> undefined. Anything else is BAD_USER_INPUT.
 */
export function textLocale(locale: string | null | undefined): TextLocale | undefined {
  if (locale === null || locale === undefined) return undefined;
  const tag = locale.trim().toLowerCase();
  if (tag === 'pt' || tag.startsWith('pt-')) return 'pt-BR';
  if (tag === 'en-us') return 'en-US';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  throw badInput('locale must be Portuguese (pt, pt-BR) or English (en, en-US, en-GB...)', {
    field: 'locale',
  });
}
