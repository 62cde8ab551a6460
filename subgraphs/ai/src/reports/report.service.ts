import {
  addMonths,
  badInput,
  event,
  localDateAt,
  newId,
  query,
  recordEvents,
  type Clock,
  type EntityManager,
  type Logger,
  type Orm,
} from '@saldo/kit';
import type { ForecastService } from '../forecast/forecast.service';
import type { InsightService } from '../insights/insight.service';
import { Insight } from '../insights/insight.types';
import type { TextLocale } from '../text/entry-text';
import { providerText, type ProviderSettings } from './provider';
import { computeReport, quotesOnly, templateText, type ReportAlert } from './report';
import { MonthlyReportEntity } from './report.entity';

export const TEMPLATE_MODEL = 'template';

export interface ReportSettings {
  provider: ProviderSettings | null;
  providerReportsPerDay: number;
}

function alertOf(insight: Insight): ReportAlert {
  return {
    id: insight.id,
    type: insight.type,
    title: insight.title,
    message: insight.message,
    amount: { amount: insight.amount.amount, currency: insight.amount.currency },
    usualAmount: insight.usualAmount
      ? { amount: insight.usualAmount.amount, currency: insight.usualAmount.currency }
      : null,
    change: insight.change,
    categoryId: insight.category?.id ?? null,
    date: insight.date,
    entryIds: insight.entries.map((e) => e.id),
  };
}

/** Monthly reports: asked for by the user, written by `writeNext` (the report worker). */
export class ReportService {
  constructor(
    private readonly insights: InsightService,
    private readonly forecasts: ForecastService,
    private readonly clock: Clock,
    private readonly settings: ReportSettings,
  ) {}

  /**
   * A new PENDING report for `month` (not in the future), or the one already pending for
   * the same month and language (asking twice while it is written gives one report).
   */
  async request(
    em: EntityManager,
    userId: string,
    month: string,
    locale: TextLocale,
    timeZone: string,
  ): Promise<MonthlyReportEntity> {
    const today = localDateAt(this.clock.now(), timeZone);
    if (`${month}-01` > today) throw badInput(`${month} has not started yet`, { field: 'month' });
    return em.transactional(async (tx) => {
      // One request at a time per user: the pending check and the insert are atomic.
      await query(tx, 'select pg_advisory_xact_lock(hashtext(?))', [`ai-report:${userId}`]);
      const pending = await tx.findOne(MonthlyReportEntity, {
        userId,
        month,
        locale,
        status: 'PENDING',
      });
      if (pending) return pending;
      const report = tx.create(MonthlyReportEntity, {
        id: newId(),
        userId,
        month,
        locale,
        timeZone,
      });
      await tx.flush();
      return report;
    });
  }

  /**
   * Writes the oldest pending report (locked: replicas take different ones) and returns
   * true, or false when none is pending. The numbers are computed here; the text is the
   * provider's when one is configured, the user is under the daily limit and the answer
   * quotes only those numbers, else the template's. A report that cannot be computed
   * turns FAILED with the reason; it never stays PENDING.
   */
  async writeNext(orm: Orm, log: Logger): Promise<boolean> {
    const em = orm.em.fork();
    let claimed: string | null = null;
    try {
      return await em.transactional(async (tx) => {
        const [row] = await query<{ id: string }>(
          tx,
          `select id from monthly_reports where status = 'PENDING'
           order by created_at, id limit 1 for update skip locked`,
          [],
        );
        if (!row) return false;
        claimed = row.id;
        const report = await tx.findOneOrFail(MonthlyReportEntity, { id: row.id });
        await this.write(tx, report, log);
        return true;
      });
    } catch (error) {
      if (!claimed) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      log.error({ err: error, reportId: claimed }, 'monthly report failed');
      await query(
        orm.em.fork(),
        `update monthly_reports set status = 'FAILED', failure_reason = ?, ready_at = now()
         where id = ?::uuid and status = 'PENDING'`,
        [reason.slice(0, 500), claimed],
      );
      return true;
    }
  }

  private async write(tx: EntityManager, report: MonthlyReportEntity, log: Logger) {
    const locale = report.locale as TextLocale;
    const today = localDateAt(this.clock.now(), report.timeZone);
    const { findings, entries } = await this.insights.find(tx, report.userId, report.month, today);
    // The forecast belongs in the report of the running or the last month.
    const recent = report.month >= addMonths(today, -1).slice(0, 7);
    const forecast = recent
      ? await this.forecasts.forecast(tx, report.userId, today, null, 30)
      : null;
    const content = computeReport({
      month: report.month,
      entries,
      alerts: findings.map((f) => alertOf(Insight.of(f, locale))),
      forecast: forecast
        ? { from: today, forecast: forecast.forecast, currency: forecast.currency }
        : null,
      locale,
    });
    const template = templateText(report.month, content, locale);
    let text = template;
    let model = TEMPLATE_MODEL;
    const provider = this.settings.provider;
    if (provider && (await this.underLimit(tx, report.userId))) {
      try {
        const written = await providerText(provider, report.month, content, template, locale);
        if (quotesOnly(written, content, report.month)) {
          text = written;
          model = provider.model;
        } else {
          log.warn({ reportId: report.id }, 'provider text quoted other numbers: template used');
        }
      } catch (error) {
        log.warn({ err: error, reportId: report.id }, 'provider failed: template used');
      }
    }
    report.status = 'READY';
    report.content = content;
    report.text = text;
    report.model = model;
    report.readyAt = this.clock.now();
    await tx.flush();
    await recordEvents(tx, [
      event('ai.report.ready', report.userId, {
        reportId: report.id,
        month: report.month,
        locale,
        income: content.income,
        expense: content.expense,
        net: content.net,
        alerts: content.alerts.length,
      }),
    ]);
  }

  /** Has the user had fewer provider-written reports than the limit in the last 24 hours? */
  private async underLimit(em: EntityManager, userId: string): Promise<boolean> {
    const [row] = await query<{ n: string }>(
      em,
      `select count(*) as n from monthly_reports
       where user_id = ?::uuid and model is not null and model <> ?
         and ready_at > ?::timestamptz - interval '24 hours'`,
      [userId, TEMPLATE_MODEL, this.clock.now().toISOString()],
    );
    return Number(row?.n ?? 0) < this.settings.providerReportsPerDay;
  }

  async list(
    em: EntityManager,
    userId: string,
    month: string | null,
  ): Promise<MonthlyReportEntity[]> {
    return em.find(MonthlyReportEntity, month ? { userId, month } : { userId }, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit: 100,
    });
  }

  async get(em: EntityManager, userId: string, id: string): Promise<MonthlyReportEntity | null> {
    return em.findOne(MonthlyReportEntity, { id, userId });
  }
}

/** Writes pending reports as they are asked for (woken) and every `pollMs` (after a restart). */
export class ReportWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private again = false;
  private busy = false;
  private stopped = true;
  private orm: Orm | null = null;
  private log: Logger | null = null;

  constructor(
    private readonly reports: ReportService,
    private readonly pollMs: number,
  ) {}

  /** Runs in the subgraph's background (its database and logger exist then). */
  start(orm: Orm, log: Logger): () => Promise<void> {
    this.orm = orm;
    this.log = log;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.kick();
    return async () => {
      this.stopped = true;
      if (this.timer) clearInterval(this.timer);
      await this.running;
    };
  }

  /** Looks for pending reports now (after a request commits). */
  kick(): void {
    const { orm, log } = this;
    if (this.stopped || !orm || !log) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.reports.writeNext(orm, log)));
        } while (this.again && !this.stopped);
      } catch (error) {
        log.error({ err: error }, 'report worker pass failed');
      } finally {
        this.busy = false;
      }
    })();
  }
}
