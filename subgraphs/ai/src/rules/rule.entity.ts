import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '@saldo/kit';
import type { Condition } from './conditions';

/** "When all these conditions hold, the category is X": beats the model. */
@Entity({ tableName: 'category_rules' })
@Index({ name: 'category_rules_user', properties: ['userId', 'createdAt', 'id'] })
export class CategoryRuleEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  categoryId!: string;

  @Property({ type: 'json' })
  conditions!: Condition[];

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
