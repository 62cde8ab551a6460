import { DateTimeScalar, LocalDateScalar, Money } from '@saldo/kit';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CategoryRef, EntryRef } from '../common/stubs';
import { Insight, InsightType } from '../insights/insight.types';
import type { MoneyJson, ReportAlert, ReportContent } from './report';
import type { MonthlyReportEntity } from './report.entity';

export enum MonthlyReportStatus {
  PENDING = 'PENDING',
  READY = 'READY',
  FAILED = 'FAILED',
}
registerEnumType(MonthlyReportStatus, { name: 'MonthlyReportStatus' });

const money = (m: MoneyJson) => Object.assign(new Money(), m);

@ObjectType({ description: 'One of the month’s biggest spending categories.' })
export class ReportCategory {
  @Field(() => CategoryRef, { nullable: true, description: 'Null: uncategorised entries.' })
  category!: CategoryRef | null;

  @Field(() => Money)
  amount!: Money;

  @Field(() => Float, { description: 'Its part of the month’s spending (0..1).' })
  share!: number;
}

@ObjectType({ description: 'The month before, for comparison.' })
export class ReportComparison {
  @Field(() => String)
  month!: string;

  @Field(() => Money)
  income!: Money;

  @Field(() => Money)
  expense!: Money;

  @Field(() => Money)
  net!: Money;

  @Field(() => Float, {
    nullable: true,
    description: 'Spending against the month before, minus 1 (0.12 = 12 % more).',
  })
  expenseChange!: number | null;
}

@ObjectType({
  description: 'The spendable balance ahead, as forecast when the report was written.',
})
export class ReportForecast {
  @Field(() => LocalDateScalar)
  from!: string;

  @Field(() => Int)
  days!: number;

  @Field(() => Money)
  balance!: Money;

  @Field(() => Money)
  expectedEnd!: Money;

  @Field(() => Money)
  lowest!: Money;

  @Field(() => LocalDateScalar)
  lowestDate!: string;
}

@ObjectType({
  description:
    'A month of your money in numbers and words. The numbers are computed by Saldo; the text ' +
    'is written around them by a template or, when one is configured, a language model.',
})
export class MonthlyReport {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'YYYY-MM.' })
  month!: string;

  @Field(() => MonthlyReportStatus)
  status!: MonthlyReportStatus;

  @Field(() => Money, { nullable: true, description: 'Null until READY.' })
  income!: Money | null;

  @Field(() => Money, { nullable: true })
  expense!: Money | null;

  @Field(() => Money, { nullable: true })
  net!: Money | null;

  @Field(() => [ReportCategory])
  topCategories!: ReportCategory[];

  @Field(() => ReportComparison, { nullable: true })
  comparison!: ReportComparison | null;

  @Field(() => [Insight], { description: 'The month’s insights, as they were when written.' })
  alerts!: Insight[];

  @Field(() => [String])
  suggestions!: string[];

  @Field(() => ReportForecast, {
    nullable: true,
    description: 'For the running or the last month.',
  })
  forecast!: ReportForecast | null;

  @Field(() => String, { nullable: true })
  text!: string | null;

  @Field(() => String, { description: 'pt-BR, en or en-US.' })
  locale!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Who wrote the text: "template" or the provider’s model.',
  })
  model!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it FAILED.' })
  failureReason!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  readyAt!: Date | null;

  static of(r: MonthlyReportEntity): MonthlyReport {
    const c: ReportContent | null = r.content;
    return Object.assign(new MonthlyReport(), {
      id: r.id,
      month: r.month,
      status: r.status as MonthlyReportStatus,
      income: c ? money(c.income) : null,
      expense: c ? money(c.expense) : null,
      net: c ? money(c.net) : null,
      topCategories: (c?.topCategories ?? []).map((t) =>
        Object.assign(new ReportCategory(), {
          category: t.categoryId ? CategoryRef.of(t.categoryId) : null,
          amount: money(t.amount),
          share: t.share,
        }),
      ),
      comparison: c
        ? Object.assign(new ReportComparison(), {
            month: c.comparison.month,
            income: money(c.comparison.income),
            expense: money(c.comparison.expense),
            net: money(c.comparison.net),
            expenseChange: c.comparison.expenseChange,
          })
        : null,
      alerts: (c?.alerts ?? []).map(insightOf),
      suggestions: c?.suggestions ?? [],
      forecast: c?.forecast
        ? Object.assign(new ReportForecast(), {
            ...c.forecast,
            balance: money(c.forecast.balance),
            expectedEnd: money(c.forecast.expectedEnd),
            lowest: money(c.forecast.lowest),
          })
        : null,
      text: r.text,
      locale: r.locale,
      model: r.model,
      failureReason: r.failureReason,
      createdAt: r.createdAt,
      readyAt: r.readyAt,
    });
  }
}

function insightOf(a: ReportAlert): Insight {
  return Object.assign(new Insight(), {
    id: a.id,
    type: a.type as InsightType,
    title: a.title,
    message: a.message,
    amount: money(a.amount),
    usualAmount: a.usualAmount ? money(a.usualAmount) : null,
    change: a.change,
    category: a.categoryId ? CategoryRef.of(a.categoryId) : null,
    date: a.date,
    entries: a.entryIds.map((id) => EntryRef.of(id)),
  });
}
