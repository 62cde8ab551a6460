import { Migration } from '@mikro-orm/migrations';

/**
 * Crash-safe parsing: what a job was asked to parse (so any process can parse it again),
 * how many attempts it took, and until when the current attempt holds the job.
 */
export class ParseLease extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table import_jobs
        add column parse_request jsonb,
        add column parse_attempts int not null default 0,
        add column parse_lease_until timestamptz`);
    this.addSql(
      `create index import_jobs_parsing on import_jobs (parse_lease_until) where status = 'PARSING'`,
    );
  }
}
