import { EntryEntity } from './entries/entry.entity';
import { CategoryRuleEntity } from './rules/rule.entity';

/** Every table of ai's migrations as an entity; test/entities.int.test.ts checks them. */
export const entities = [EntryEntity, CategoryRuleEntity];
