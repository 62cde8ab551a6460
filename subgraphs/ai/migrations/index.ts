import type { MigrationObject } from '@mikro-orm/core';
import { AiSchema } from './0001-ai';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [{ name: 'ai-0001-schema', class: AiSchema }];
