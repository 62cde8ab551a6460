import { AiCategoryEntity } from './categorise/category.entity';
import { EntryEntity } from './entries/entry.entity';
import { AccountEntity, CardInvoiceEntity } from './forecast/read-model.entity';
import { MonthlyReportEntity } from './reports/report.entity';
import { CategoryRuleEntity } from './rules/rule.entity';
import { AiSettingsEntity } from './settings/settings.entity';

/** Every table of ai's migrations as an entity; test/entities.int.test.ts checks them. */
export const entities = [
  EntryEntity,
  CategoryRuleEntity,
  AccountEntity,
  CardInvoiceEntity,
  MonthlyReportEntity,
  AiCategoryEntity,
  AiSettingsEntity,
];
