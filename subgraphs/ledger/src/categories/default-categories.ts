import { CategoryKind } from './category.model';

interface DefaultCategory {
  key: string;
  kind: CategoryKind;
  icon: string;
  names: Readonly<Record<'pt' | 'en' | 'es', string>>;
}

const { INCOME, EXPENSE } = CategoryKind;

/** The set every new user starts with; `key` makes creating them idempotent. */
export const DEFAULT_CATEGORIES: readonly DefaultCategory[] = [
  {
    key: 'salary',
    kind: INCOME,
    icon: 'briefcase',
    names: { pt: 'Salário', en: 'Salary', es: 'Salario' },
  },
  {
    key: 'freelance',
    kind: INCOME,
    icon: 'laptop',
    names: { pt: 'Freelance', en: 'Freelance', es: 'Freelance' },
  },
  {
    key: 'investment-income',
    kind: INCOME,
    icon: 'trending-up',
    names: { pt: 'Rendimentos', en: 'Investment income', es: 'Rendimientos' },
  },
  {
    key: 'other-income',
    kind: INCOME,
    icon: 'plus-circle',
    names: { pt: 'Outras receitas', en: 'Other income', es: 'Otros ingresos' },
  },
  {
    key: 'housing',
    kind: EXPENSE,
    icon: 'home',
    names: { pt: 'Moradia', en: 'Housing', es: 'Vivienda' },
  },
  {
    key: 'groceries',
    kind: EXPENSE,
    icon: 'shopping-cart',
    names: { pt: 'Mercado', en: 'Groceries', es: 'Supermercado' },
  },
  {
    key: 'dining',
    kind: EXPENSE,
    icon: 'utensils',
    names: { pt: 'Restaurantes', en: 'Dining out', es: 'Restaurantes' },
  },
  {
    key: 'transport',
    kind: EXPENSE,
    icon: 'car',
    names: { pt: 'Transporte', en: 'Transport', es: 'Transporte' },
  },
  {
    key: 'health',
    kind: EXPENSE,
    icon: 'heart',
    names: { pt: 'Saúde', en: 'Health', es: 'Salud' },
  },
  {
    key: 'education',
    kind: EXPENSE,
    icon: 'book',
    names: { pt: 'Educação', en: 'Education', es: 'Educación' },
  },
  {
    key: 'leisure',
    kind: EXPENSE,
    icon: 'music',
    names: { pt: 'Lazer', en: 'Leisure', es: 'Ocio' },
  },
  {
    key: 'shopping',
    kind: EXPENSE,
    icon: 'shopping-bag',
    names: { pt: 'Compras', en: 'Shopping', es: 'Compras' },
  },
  {
    key: 'bills',
    kind: EXPENSE,
    icon: 'file-text',
    names: { pt: 'Contas e serviços', en: 'Bills and utilities', es: 'Cuentas y servicios' },
  },
  {
    key: 'taxes',
    kind: EXPENSE,
    icon: 'percent',
    names: { pt: 'Impostos e taxas', en: 'Taxes and fees', es: 'Impuestos y tasas' },
  },
  {
    key: 'subscriptions',
    kind: EXPENSE,
    icon: 'repeat',
    names: { pt: 'Assinaturas', en: 'Subscriptions', es: 'Suscripciones' },
  },
  {
    key: 'travel',
    kind: EXPENSE,
    icon: 'map',
    names: { pt: 'Viagens', en: 'Travel', es: 'Viajes' },
  },
  {
    key: 'personal-care',
    kind: EXPENSE,
    icon: 'scissors',
    names: { pt: 'Cuidados pessoais', en: 'Personal care', es: 'Cuidado personal' },
  },
  {
    key: 'pets',
    kind: EXPENSE,
    icon: 'heart',
    names: { pt: 'Pets', en: 'Pets', es: 'Mascotas' },
  },
  {
    key: 'gifts-donations',
    kind: EXPENSE,
    icon: 'gift',
    names: { pt: 'Presentes e doações', en: 'Gifts and donations', es: 'Regalos y donaciones' },
  },
  {
    key: 'investments',
    kind: EXPENSE,
    icon: 'bar-chart-2',
    names: { pt: 'Investimentos', en: 'Investments', es: 'Inversiones' },
  },
  {
    key: 'transfers',
    kind: EXPENSE,
    icon: 'repeat',
    names: { pt: 'Transferências', en: 'Transfers', es: 'Transferencias' },
  },
  {
    key: 'other-expenses',
    kind: EXPENSE,
    icon: 'more-horizontal',
    names: { pt: 'Outras despesas', en: 'Other expenses', es: 'Otros gastos' },
  },
];

/** `pt-BR`, `pt-PT`, `pt` -> pt; `es-*` -> es; anything else -> en. */
export function languageOf(locale: string): 'pt' | 'en' | 'es' {
  const language = locale.toLowerCase().split(/[-_]/)[0];
  return language === 'pt' || language === 'es' ? language : 'en';
}
