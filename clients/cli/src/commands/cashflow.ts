import { Option, type Command } from 'commander';
import { bar, day, money, t } from '../format';
import { localToday } from '../parse-entry';
import type { Runner } from '../program';

const GROUPS = { day: 'DAY', week: 'WEEK', month: 'MONTH' } as const;

export function cashflowCommands(program: Command, run: Runner): void {
  program
    .command('cashflow')
    .description('credits, debits and net per day/week/month, with a bar chart')
    .option('--from <YYYY-MM-DD>', 'first day (default: the 1st of this month)')
    .option('--to <YYYY-MM-DD>', 'last day (default: today)')
    .addOption(new Option('--by <period>', 'group by').choices(Object.keys(GROUPS)).default('day'))
    .action(
      run(async (ctx, o: { from?: string; to?: string; by: keyof typeof GROUPS }) => {
        const me = await ctx.client.identity.me();
        const today = localToday(me.timeZone);
        const data = await ctx.client.consolidation.cashFlow({
          from: o.from ?? `${today.slice(0, 8)}01`,
          to: o.to ?? today,
          groupBy: GROUPS[o.by],
        });
        const points = data.cashFlow;
        const max = Math.max(
          0,
          ...points.flatMap((p) => [
            Math.abs(Number(p.credits.amount)),
            Math.abs(Number(p.debits.amount)),
          ]),
        );
        ctx.print(points, () =>
          points.length === 0
            ? t(ctx.lang, 'none')
            : ctx.table(
                [
                  t(ctx.lang, 'period'),
                  t(ctx.lang, 'credits'),
                  t(ctx.lang, 'debits'),
                  t(ctx.lang, 'net'),
                  '',
                ],
                points.map((p) => [
                  p.start === p.end
                    ? day(ctx.lang, p.start)
                    : `${day(ctx.lang, p.start)}–${day(ctx.lang, p.end)}`,
                  money(ctx.lang, p.credits),
                  money(ctx.lang, p.debits),
                  money(ctx.lang, p.net),
                  // Bars for display only: floats are fine at this resolution.
                  `\u001b[32m${bar(Math.abs(Number(p.credits.amount)), max, 20)}\u001b[0m\n\u001b[31m${bar(Math.abs(Number(p.debits.amount)), max, 20)}\u001b[0m`,
                ]),
                [1, 2, 3],
              ),
        );
      }),
    );
}
