import { event, toMoney, type Logger, type Orm, recordEvents, query } from '@saldo/kit';
import { activeSchema } from '../projection/generation';

interface DirtyRow {
  account_id: string;
  user_id: string;
  currency: string;
  day: string;
  credits: string;
  debits: string;
  entry_count: number;
  closing: string;
}

/**
 * Publishes `consolidation.daily_balance.updated` for account-days marked by the
 * consumer, through the outbox. Claims rows with FOR UPDATE SKIP LOCKED (replicas
 * share the work; the consumer waits for a claimed row) and clears the mark in the
 * same transaction, so a change is published once per run, with the numbers as they
 * stand then: several changes between two runs make one event. At most `batchSize`
 * events per interval; none while the consumer is further behind than `pauseAboveLag`
 * (a catch-up after downtime): subscribers get the caught-up numbers, not every step.
 */
export class BalanceEmitter {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly orm: Orm,
    private readonly log: Logger,
    private readonly options: {
      batchSize: number;
      pauseAboveLag: number;
      lag: () => Promise<number>;
    },
  ) {}

  /** One claim-and-publish pass; returns how many events it recorded. */
  async runOnce(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const schema = await activeSchema(em);
      const rows = await query<DirtyRow>(em, claimSql(schema), [this.options.batchSize]);
      await recordEvents(em, rows.map(toEvent));
      return rows.length;
    });
  }

  start(intervalMs: number): void {
    this.stopped = false;
    const loop = async () => {
      try {
        const lag = await this.options.lag().catch(() => 0);
        if (lag <= this.options.pauseAboveLag) await this.runOnce();
      } catch (error) {
        this.log.error({ err: error }, 'daily balance events failed; retrying');
      }
      // At most one batch per interval: a backlog drains at a bounded rate, coalescing.
      if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
    };
    const tick = () => {
      this.running = loop();
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

function toEvent(r: DirtyRow) {
  const closing = BigInt(r.closing);
  const credits = BigInt(r.credits);
  const debits = BigInt(r.debits);
  return event('consolidation.daily_balance.updated', r.user_id, {
    accountId: r.account_id,
    date: r.day,
    opening: toMoney(closing - credits + debits, r.currency),
    credits: toMoney(credits, r.currency),
    debits: toMoney(debits, r.currency),
    closing: toMoney(closing, r.currency),
    entryCount: r.entry_count,
  });
}

// Closing = initial balance + running sum over the account's days, one window per account.
function claimSql(schema: string): string {
  return `
    with dirty as (
      select account_id, day from ${schema}.account_days
       where pending_emit order by account_id, day limit ? for update skip locked
    ), cleared as (
      update ${schema}.account_days ad set pending_emit = false
        from dirty where ad.account_id = dirty.account_id and ad.day = dirty.day
    ), running as (
      select ad.account_id, ad.day, ad.credits, ad.debits, ad.entry_count,
             sum(ad.credits - ad.debits) over (partition by ad.account_id order by ad.day) as net
        from ${schema}.account_days ad
       where ad.account_id in (select account_id from dirty)
    )
    select r.account_id, a.user_id, a.currency, r.day::text as day, r.credits::text as credits,
           r.debits::text as debits, r.entry_count, (a.initial_balance + r.net)::text as closing
      from running r
      join dirty d on d.account_id = r.account_id and d.day = r.day
      join ${schema}.accounts a on a.id = r.account_id`;
}
