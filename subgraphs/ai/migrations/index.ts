import type { MigrationObject } from '@mikro-orm/core';
import { AiSchema } from './0001-ai';
import { AiEntryDates } from './0002-entry-dates';
import { AiMonthlyReports } from './0003-monthly-reports';
import { AiCategoriesSettings } from './0004-categories-settings';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [
  { name: 'ai-0001-schema', class: AiSchema },
  { name: 'ai-0002-entry-dates', class: AiEntryDates },
  { name: 'ai-0003-monthly-reports', class: AiMonthlyReports },
  { name: 'ai-0004-categories-settings', class: AiCategoriesSettings },
];
