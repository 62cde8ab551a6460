import { lazy, Suspense, useEffect, useMemo, useState, type ComponentType } from 'react';
import { createClient } from './client';
import { isLocale, translator, type Locale } from './i18n';
import { AuthScreen } from './AuthScreen';
import type { ScreenProps } from './screen';
import { HEADER_WIDGETS, SCREENS, type ScreenDef } from './screens';

const LOCALE_KEY = 'saldo.locale';

function initialLocale(): Locale {
  const saved = window.localStorage.getItem(LOCALE_KEY);
  return isLocale(saved) ? saved : 'pt-BR';
}

// One lazy component per screen and widget, made once (React keeps their state by identity).
const screenComponents = new Map<string, ComponentType<ScreenProps>>(
  SCREENS.map((s) => [s.path, lazy(s.load)]),
);
const widgetComponents = HEADER_WIDGETS.map((load) => lazy(load));

/** `#/entries` -> the entries screen; anything unknown -> the first (the overview). */
function screenOf(hash: string): ScreenDef {
  const path = hash.replace(/^#\/?/, '').split(/[?/]/)[0];
  return SCREENS.find((s) => s.path === path) ?? (SCREENS[0] as ScreenDef);
}

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const changed = () => setHash(window.location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

export function App() {
  const client = useMemo(createClient, []);
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const hash = useHash();
  const t = translator(locale);
  const screen = screenOf(hash);
  const Screen = screenComponents.get(screen.path) as ComponentType<ScreenProps>;

  useEffect(() => {
    document.documentElement.lang = locale;
    window.localStorage.setItem(LOCALE_KEY, locale);
  }, [locale]);

  useEffect(() => {
    void client.auth.tokens().then((tokens) => setSignedIn(tokens !== null));
  }, [client]);

  const toggle = () => setLocale(locale === 'pt-BR' ? 'en' : 'pt-BR');
  const signOut = async () => {
    await client.auth.signOut().catch(() => undefined);
    setSignedIn(false);
  };
  const props: ScreenProps = { client, t, locale, onSignedOut: () => setSignedIn(false) };

  return (
    <div className="app">
      <header className="bar">
        <h1 className="brand">{t('appName')}</h1>
        <div className="bar-actions">
          {signedIn && (
            <Suspense fallback={null}>
              {widgetComponents.map((Widget, i) => (
                <Widget key={i} {...props} />
              ))}
            </Suspense>
          )}
          <button type="button" onClick={toggle} aria-label={t('language')}>
            {t('switchLanguage')}
          </button>
          {signedIn && (
            <button type="button" onClick={() => void signOut()}>
              {t('signOut')}
            </button>
          )}
        </div>
      </header>
      {signedIn && SCREENS.length > 1 && (
        <nav className="menu" aria-label={t('menu')}>
          {SCREENS.map((s) => (
            <a
              key={s.path}
              href={`#/${s.path}`}
              aria-current={s.path === screen.path ? 'page' : undefined}
            >
              {s.label[locale]}
            </a>
          ))}
        </nav>
      )}
      <main>
        {signedIn === null && <p role="status">{t('loading')}</p>}
        {signedIn === false && (
          <AuthScreen client={client} t={t} locale={locale} onSignedIn={() => setSignedIn(true)} />
        )}
        {signedIn && (
          <Suspense fallback={<p role="status">{t('loading')}</p>}>
            <Screen key={screen.path} {...props} />
          </Suspense>
        )}
      </main>
    </div>
  );
}
