import type { Clock, HandlerMap, RequestContext } from '@saldo/kit';
import type { ImportSettings } from './config';
import { answerHandlers } from './confirm/ledger-answer.consumer';
import { ConfirmService } from './confirm/confirm.service';
import { entryHandlers } from './duplicates/ledger.consumer';
import { JobService } from './jobs/job.service';
import type { ParseStatement } from './parsers/types';
import { userHandlers } from './users/user.consumer';

/** The import subgraph's services; they need nothing of the running subgraph. */
export interface ImportServices {
  clock: Clock;
  jobs: JobService;
  confirm: ConfirmService;
}

/** Built before the subgraph starts: event handlers need them too. `parse` is the parser port. */
export function createServices(
  settings: ImportSettings,
  parse: ParseStatement,
  clock: Clock,
): ImportServices {
  return {
    clock,
    jobs: new JobService(
      parse,
      {
        maxRows: settings.IMPORT_MAX_ROWS,
        maxLineBytes: settings.IMPORT_MAX_LINE_BYTES,
        parseLeaseMs: settings.IMPORT_PARSE_LEASE_MS,
        maxParseAttempts: settings.IMPORT_PARSE_MAX_ATTEMPTS,
      },
      clock,
    ),
    confirm: new ConfirmService(settings.IMPORT_CHUNK_ROWS, clock),
  };
}

/** Identity's user events, the ledger's entries (read model) and its answers to chunks. */
export function createHandlers(services: ImportServices): HandlerMap {
  return { ...userHandlers, ...entryHandlers, ...answerHandlers(services.confirm) };
}

/** What the resolvers receive: the kit's request context with the import services. */
export type ImportContext = RequestContext<ImportServices>;
