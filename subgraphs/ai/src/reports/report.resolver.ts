import { assertMonth, notFound, Scope, userOf } from '@saldo/kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { textLocale } from '../common/locale';
import type { AiContext } from '../services';
import { MonthlyReport } from './report.types';

@Resolver()
export class ReportResolver {
  @Authorized(Scope.LEDGER_READ)
  @Mutation(() => MonthlyReport, {
    description:
      'Asks for a report of `month` (YYYY-MM, not in the future) in `locale` (pt-BR by ' +
      'default, or English). It comes back PENDING and turns READY within seconds (watch ' +
      '`monthlyReport(id)`; a notification says so too). Asking again while one is pending ' +
      'returns that one.',
  })
  async generateMonthlyReport(
    @Arg('month', () => String) month: string,
    @Arg('locale', () => String, { nullable: true }) locale: string | null,
    @Ctx() ctx: AiContext,
  ): Promise<MonthlyReport> {
    assertMonth(month);
    const report = await ctx.services.reports.request(
      ctx.em,
      userOf(ctx),
      month,
      textLocale(locale) ?? 'pt-BR',
      ctx.caller.timeZone,
    );
    ctx.services.reportWorker.kick();
    return MonthlyReport.of(report);
  }

  @Authorized(Scope.LEDGER_READ)
  @Query(() => [MonthlyReport], {
    description: 'Your reports, the newest first (at most 100), of one month when given.',
  })
  async monthlyReports(
    @Arg('month', () => String, { nullable: true }) month: string | null,
    @Ctx() ctx: AiContext,
  ): Promise<MonthlyReport[]> {
    if (month) assertMonth(month);
    const rows = await ctx.services.reports.list(ctx.em, userOf(ctx), month ?? null);
    return rows.map((r) => MonthlyReport.of(r));
  }

  @Authorized(Scope.LEDGER_READ)
  @Query(() => MonthlyReport, { description: 'One of your reports; NOT_FOUND for anyone else’s.' })
  async monthlyReport(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: AiContext,
  ): Promise<MonthlyReport> {
    const report = await ctx.services.reports.get(ctx.em, userOf(ctx), id);
    if (!report) throw notFound('MonthlyReport', id);
    return MonthlyReport.of(report);
  }
}
