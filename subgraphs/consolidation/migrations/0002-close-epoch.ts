import { Migration } from '@mikro-orm/migrations';

/**
 * What every transaction closing days moves on: a counter, and the latest day it closed.
 * Event writers skip the closed-day check for days after that one, and for days they
 * saw not closed while the counter has not moved (see `LedgerProjector`).
 */
export class CloseEpoch extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table projection_state
      add column close_epoch bigint not null default 0,
      add column latest_closed_day date`);
    // Days closed before this migration, including ones reopened since: an upper bound.
    this.addSql(`update projection_state set latest_closed_day =
      (select max(day) from days where closed_at is not null)`);
  }
}
