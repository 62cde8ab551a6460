import { useEffect, useMemo, useState } from 'react';
import { createClient } from './client';
import { isLocale, translator, type Locale } from './i18n';
import { AuthScreen } from './AuthScreen';
import { Overview } from './Overview';

const LOCALE_KEY = 'saldo.locale';

function initialLocale(): Locale {
  const saved = window.localStorage.getItem(LOCALE_KEY);
  return isLocale(saved) ? saved : 'pt-BR';
}

export function App() {
  const client = useMemo(createClient, []);
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const t = translator(locale);

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

  return (
    <div className="app">
      <header className="bar">
        <h1 className="brand">{t('appName')}</h1>
        <div className="bar-actions">
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
      <main>
        {signedIn === null && <p role="status">{t('loading')}</p>}
        {signedIn === false && (
          <AuthScreen client={client} t={t} locale={locale} onSignedIn={() => setSignedIn(true)} />
        )}
        {signedIn && (
          <Overview client={client} t={t} locale={locale} onSignedOut={() => setSignedIn(false)} />
        )}
      </main>
    </div>
  );
}
