import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@saldo/kit';
import type { RebuildRecord } from './rebuild.repository';

export enum RebuildStatus {
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

registerEnumType(RebuildStatus, { name: 'RebuildStatus' });

@ObjectType('ProjectionRebuild', {
  description: 'A replay of the LEDGER stream into fresh tables, switched in atomically (admin).',
})
export class ProjectionRebuild {
  @Field(() => ID)
  id!: string;

  @Field(() => RebuildStatus)
  status!: RebuildStatus;

  @Field(() => String, { description: 'The generation being built (e.g. proj_3).' })
  generation!: string;

  @Field(() => DateTimeScalar)
  startedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Int, { description: 'Ledger events applied so far.' })
  events!: number;

  @Field(() => Int, { description: 'Invalid events left out (as the live consumer would).' })
  skipped!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;

  static from(r: RebuildRecord): ProjectionRebuild {
    return Object.assign(new ProjectionRebuild(), {
      id: r.id,
      status: r.status as RebuildStatus,
      generation: r.generation,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      events: r.events,
      skipped: r.skipped,
      error: r.error,
    });
  }
}
