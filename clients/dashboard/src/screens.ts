// The dashboard's screens, one line each: the path after `#/`, the menu label in both
// languages, and the module, loaded when first opened (the first paint only carries the
// overview). Header widgets (the notifications bell) sit in the top bar on every screen.
import type { ComponentType } from 'react';
import type { Locale } from './i18n';
import type { ScreenProps } from './screen';

export interface ScreenDef {
  path: string;
  label: Record<Locale, string>;
  load: () => Promise<{ default: ComponentType<ScreenProps> }>;
}

export const SCREENS: readonly ScreenDef[] = [
  {
    path: 'overview',
    label: { 'pt-BR': 'Visão geral', en: 'Overview' },
    load: () => import('./Overview').then((m) => ({ default: m.Overview })),
  },
  {
    path: 'entries',
    label: { 'pt-BR': 'Lançamentos', en: 'Entries' },
    load: () => import('./screens/Entries').then((m) => ({ default: m.Entries })),
  },
  {
    path: 'accounts',
    label: { 'pt-BR': 'Contas', en: 'Accounts' },
    load: () => import('./screens/Accounts').then((m) => ({ default: m.Accounts })),
  },
  {
    path: 'budgets',
    label: { 'pt-BR': 'Orçamentos', en: 'Budgets' },
    load: () => import('./screens/Budgets').then((m) => ({ default: m.Budgets })),
  },
  {
    path: 'cards',
    label: { 'pt-BR': 'Cartões', en: 'Cards' },
    load: () => import('./screens/Cards').then((m) => ({ default: m.Cards })),
  },
  {
    path: 'notifications',
    label: { 'pt-BR': 'Notificações', en: 'Notifications' },
    load: () =>
      import('./screens/NotificationPreferences').then((m) => ({
        default: m.NotificationPreferences,
      })),
  },
  {
    path: 'api-keys',
    label: { 'pt-BR': 'Chaves de API', en: 'API keys' },
    load: () => import('./screens/ApiKeys').then((m) => ({ default: m.ApiKeys })),
  },
  {
    path: 'insights',
    label: { 'pt-BR': 'Insights', en: 'Insights' },
    load: () => import('./screens/Insights'),
  },
];

/** Components shown in the top bar while signed in. */
export const HEADER_WIDGETS: readonly ScreenDef['load'][] = [() => import('./widgets/Bell')];
