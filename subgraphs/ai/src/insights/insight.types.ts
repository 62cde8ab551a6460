import { formatAmount, LocalDateScalar, Money } from '@saldo/kit';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { CategoryRef, EntryRef } from '../common/stubs';
import type { TextLocale } from '../text/entry-text';
import { percent } from '../reports/report';
import type { InsightFinding } from './insights';

export enum InsightType {
  UNUSUAL_EXPENSE = 'UNUSUAL_EXPENSE',
  CATEGORY_UP = 'CATEGORY_UP',
  CATEGORY_DOWN = 'CATEGORY_DOWN',
  DUPLICATE_CHARGE = 'DUPLICATE_CHARGE',
  PRICE_INCREASE = 'PRICE_INCREASE',
  LOW_BALANCE_AHEAD = 'LOW_BALANCE_AHEAD',
}
registerEnumType(InsightType, {
  name: 'InsightType',
  valuesConfig: {
    UNUSUAL_EXPENSE: { description: 'An expense far above what you usually pay there.' },
    CATEGORY_UP: { description: 'A category up 30 % or more on the previous three months.' },
    CATEGORY_DOWN: { description: 'A category down 30 % or more on the previous three months.' },
    DUPLICATE_CHARGE: { description: 'The same merchant and amount twice within 48 hours.' },
    PRICE_INCREASE: { description: 'A recurring charge that costs more than last time.' },
    LOW_BALANCE_AHEAD: { description: 'The forecast balance goes below zero in 30 days.' },
  },
});

@ObjectType({ description: 'Something worth a look in a month of your money.' })
export class Insight {
  @Field(() => ID, { description: 'Stable: the same finding keeps its id.' })
  id!: string;

  @Field(() => InsightType)
  type!: InsightType;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'One sentence with the numbers, in the asked language.' })
  message!: string;

  @Field(() => Money, {
    description:
      'What stands out: the expense, the month’s spending, the new price, the lowest balance.',
  })
  amount!: Money;

  @Field(() => Money, {
    nullable: true,
    description: 'What it is compared with: the usual amount, the mean, the old price.',
  })
  usualAmount!: Money | null;

  @Field(() => Float, { nullable: true, description: 'amount / usualAmount - 1.' })
  change!: number | null;

  @Field(() => CategoryRef, { nullable: true })
  category!: CategoryRef | null;

  @Field(() => LocalDateScalar, { nullable: true })
  date!: string | null;

  @Field(() => [EntryRef], { description: 'The entries behind it.' })
  entries!: EntryRef[];

  static of(f: InsightFinding, locale: TextLocale): Insight {
    const change =
      f.usualMinor !== null && f.usualMinor !== 0n
        ? Number(f.amountMinor) / Number(f.usualMinor) - 1
        : null;
    const { title, message } = describe(f, locale, change);
    return Object.assign(new Insight(), {
      id: f.id,
      type: f.type as InsightType,
      title,
      message,
      amount: Money.of(f.amountMinor, f.currency),
      usualAmount: f.usualMinor === null ? null : Money.of(f.usualMinor, f.currency),
      change: change === null ? null : Math.round(change * 10_000) / 10_000,
      category: f.categoryId ? CategoryRef.of(f.categoryId) : null,
      date: f.date,
      entries: f.entries.map((e) => EntryRef.of(e.id)),
    });
  }
}

function describe(
  f: InsightFinding,
  locale: TextLocale,
  change: number | null,
): { title: string; message: string } {
  const pt = locale === 'pt-BR';
  const tag = pt ? 'pt-BR' : locale;
  const money = (minor: bigint | null) =>
    new Intl.NumberFormat(tag, { style: 'currency', currency: f.currency }).format(
      Number(formatAmount(minor ?? 0n, f.currency)),
    );
  const day = (date: string | null) =>
    date
      ? new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeZone: 'UTC' }).format(
          new Date(`${date}T12:00:00Z`),
        )
      : '';
  const pct = `${percent(change ?? 0)} %`;
  const at = f.merchant ?? '';
  switch (f.type) {
    case 'UNUSUAL_EXPENSE':
      return pt
        ? {
            title: 'Gasto fora do comum',
            message: `${at}: ${money(f.amountMinor)} em ${day(f.date)}, quando o habitual é ${money(f.usualMinor)}.`,
          }
        : {
            title: 'Unusual expense',
            message: `${at}: ${money(f.amountMinor)} on ${day(f.date)}, where you usually pay ${money(f.usualMinor)}.`,
          };
    case 'CATEGORY_UP':
    case 'CATEGORY_DOWN': {
      const up = f.type === 'CATEGORY_UP';
      return pt
        ? {
            title: up ? 'Categoria em alta' : 'Categoria em baixa',
            message: `${money(f.amountMinor)} nesta categoria, ${pct} ${up ? 'acima' : 'abaixo'} da média de ${money(f.usualMinor)} dos três meses anteriores.`,
          }
        : {
            title: up ? 'Category up' : 'Category down',
            message: `${money(f.amountMinor)} in this category, ${pct} ${up ? 'above' : 'below'} the ${money(f.usualMinor)} average of the previous three months.`,
          };
    }
    case 'DUPLICATE_CHARGE':
      return pt
        ? {
            title: 'Possível cobrança duplicada',
            message: `${at}: ${money(f.amountMinor)} duas vezes em 48 horas (até ${day(f.date)}).`,
          }
        : {
            title: 'Possible duplicate charge',
            message: `${at}: ${money(f.amountMinor)} twice within 48 hours (last on ${day(f.date)}).`,
          };
    case 'PRICE_INCREASE':
      return pt
        ? {
            title: 'Assinatura mais cara',
            message: `${at} passou de ${money(f.usualMinor)} para ${money(f.amountMinor)} (+${pct}).`,
          }
        : {
            title: 'Subscription price increase',
            message: `${at} went from ${money(f.usualMinor)} to ${money(f.amountMinor)} (+${pct}).`,
          };
    case 'LOW_BALANCE_AHEAD':
      return pt
        ? {
            title: 'Saldo negativo à vista',
            message: `O saldo previsto fica negativo a partir de ${day(f.date)} e chega a ${money(f.amountMinor)}.`,
          }
        : {
            title: 'Low balance ahead',
            message: `Your expected balance goes below zero from ${day(f.date)} and reaches ${money(f.amountMinor)}.`,
          };
  }
}
