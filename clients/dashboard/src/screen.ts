// What every screen of the dashboard receives, and the way a screen keeps its own strings
// (pt-BR first, English alongside) without growing one shared dictionary.
import type { SaldoClient } from '@saldo/sdk';
import type { Locale, MessageKey } from './i18n';

export interface ScreenProps {
  client: SaldoClient;
  /** The shared strings (i18n.ts); a screen's own live next to it (`localStrings`). */
  t: (key: MessageKey) => string;
  locale: Locale;
  /** The session is gone (an UNAUTHENTICATED answer): back to the sign-in screen. */
  onSignedOut: () => void;
}

/** A screen's own strings: every key in both languages, checked by the compiler. */
export function localStrings<K extends string>(
  pt: Record<K, string>,
  en: Record<NoInfer<K>, string>,
): (locale: Locale) => (key: K) => string {
  const messages: Record<Locale, Record<K, string>> = { 'pt-BR': pt, en };
  return (locale) => (key) => messages[locale][key];
}
