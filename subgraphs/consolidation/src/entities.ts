import { DayEntity, DayHistoryEntity } from './close/day.entity';
import { ProjectionStateEntity } from './projection/projection-state.entity';
import {
  AccountDayEntity,
  ProjectedAccountEntity,
  ProjectedEntryEntity,
  UserDayEntity,
} from './projection/projection.entity';
import { RebuildEntity } from './rebuild/rebuild.entity';
import { ErasedUserEntity, UserEntity } from './users/user.entity';

/**
 * Every table of consolidation's migrations as an entity; test/entities.int.test.ts
 * checks them. The projection's are wildcard entities (one copy per `proj_<n>` schema).
 */
export const entities = [
  ProjectionStateEntity,
  UserEntity,
  ErasedUserEntity,
  DayEntity,
  DayHistoryEntity,
  RebuildEntity,
  ProjectedAccountEntity,
  ProjectedEntryEntity,
  AccountDayEntity,
  UserDayEntity,
];
