import { Migration } from '@mikro-orm/migrations';

/** Card statements: the cards subgraph answers per row, and may refuse some (with why). */
export class CardAnswers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table import_chunks add column rejected jsonb`);
  }
}
