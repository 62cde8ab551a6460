import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ReportContent } from './report';

/** A monthly report a user asked for. */
@Entity({ tableName: 'monthly_reports' })
@Index({ name: 'monthly_reports_user', properties: ['userId', 'createdAt', 'id'] })
@Index({
  name: 'monthly_reports_pending',
  properties: ['createdAt'],
  expression: `create index monthly_reports_pending on monthly_reports (created_at) where status = 'PENDING'`,
})
export class MonthlyReportEntity {
  [OptionalProps]?: 'status' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'character', length: 7 })
  month!: string;

  @Property({ type: 'text' })
  locale!: string;

  @Property({ type: 'text' })
  timeZone!: string;

  @Property({ type: 'text', default: 'PENDING' })
  status = 'PENDING';

  @Property({ type: 'json', nullable: true })
  content: ReportContent | null = null;

  @Property({ type: 'text', nullable: true })
  text: string | null = null;

  @Property({ type: 'text', nullable: true })
  model: string | null = null;

  @Property({ type: 'text', nullable: true })
  failureReason: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  readyAt: Date | null = null;
}
