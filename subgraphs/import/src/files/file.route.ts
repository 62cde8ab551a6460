import {
  cleanFilename as kitCleanFilename,
  fileUploadRoute,
  Scope,
  type Clock,
  type Handler,
  type SubgraphRuntime,
} from '@saldo/kit';
import { fileRepository } from './file.repository';

export interface FileRouteOptions {
  maxBytes: number;
  ttlDays: number;
  clock: Clock;
}

/** The name the router passes on, made safe (`statement` when none). */
export const cleanFilename = (raw: string | undefined): string =>
  kitCleanFilename(raw, 'statement');

/** `POST /files`: the kit's upload route into `files`, for `import:write`. */
export function fileRoute(runtime: SubgraphRuntime, options: FileRouteOptions): Handler {
  return fileUploadRoute(runtime, {
    store: fileRepository,
    scope: Scope.IMPORT_WRITE,
    defaultFilename: 'statement',
    ...options,
  });
}
