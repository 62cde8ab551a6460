import {
  localDateAt,
  query,
  toMoney,
  zoneOffsetMinutes,
  type Clock,
  type Logger,
  type Orm,
} from '@saldo/kit';
import { NotificationType } from '../catalog/types';
import type { Notifier } from '../notifications/notifier';
import { LOW_BALANCE_TYPES } from '../triggers/watches';

const SUMMARY_HOUR = 8;

/**
 * DAILY_SUMMARY at 08:00 in each user's time zone, for users who turned it on: the balance
 * of their asset accounts (from the ledger's balance events) and the unread count. Once a
 * day (dedup key), whichever scan or replica gets there first.
 */
export class DailySummary {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly kick: () => void,
    private readonly log: Logger,
  ) {}

  async runOnce(now = this.clock.now()): Promise<number> {
    const em = this.orm.em.fork();
    const users = await query<{ user_id: string; time_zone: string | null }>(
      em,
      `select p.user_id, u.time_zone from notification_preferences p
       left join user_profiles u on u.user_id = p.user_id where p.daily_summary`,
    );
    let sent = 0;
    for (const user of users) {
      const zone = user.time_zone ?? 'America/Sao_Paulo';
      const local = new Date(now.getTime() + zoneOffsetMinutes(now, zone) * 60_000);
      if (local.getUTCHours() < SUMMARY_HOUR) continue;
      const today = localDateAt(now, zone);
      try {
        if (await this.summarise(user.user_id, today)) sent += 1;
      } catch (error) {
        this.log.error({ err: error, userId: user.user_id }, 'daily summary failed');
      }
    }
    if (sent > 0) this.kick();
    return sent;
  }

  private async summarise(userId: string, today: string): Promise<boolean> {
    return this.orm.em.fork().transactional(async (tx) => {
      const totals = await query<{ currency: string; total: string }>(
        tx,
        `select currency, sum(balance)::text as total from accounts
         where user_id = ?::uuid and balance is not null and type = any(?::text[])
         group by currency order by currency`,
        [userId, [...LOW_BALANCE_TYPES, 'INVESTMENT']],
      );
      const unread = await query<{ n: string }>(
        tx,
        'select count(*) as n from notifications where user_id = ?::uuid and read_at is null',
        [userId],
      );
      const money = totals.map((t) => toMoney(BigInt(t.total), t.currency));
      const result = await this.notifier.notify(tx, {
        userId,
        type: NotificationType.DAILY_SUMMARY,
        dedupKey: `daily:${today}`,
        facts: { date: today, totals: money, count: Number(unread[0]?.n ?? 0) },
        data: { date: today, balances: money },
      });
      return result.notification !== null;
    });
  }
}
