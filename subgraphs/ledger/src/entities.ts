import { AccountEntity } from './accounts/account.entity';
import { PostingEntity } from './book/posting.entity';
import { BudgetEntity } from './budgets/budget.entity';
import { CardSyncEntity } from './cards/card-sync.entity';
import { CategoryEntity } from './categories/category.entity';
import { EntryRevisionEntity } from './entries/entry-revision.entity';
import { EntryEntity } from './entries/entry.entity';
import { RecurrenceEntity } from './recurrences/recurrence.entity';

/** Every table of the ledger's migrations as an entity; test/entities.int.test.ts checks them. */
export const entities = [
  CategoryEntity,
  AccountEntity,
  RecurrenceEntity,
  EntryEntity,
  EntryRevisionEntity,
  PostingEntity,
  BudgetEntity,
  CardSyncEntity,
];
