import type { GraphQLFormattedError } from 'graphql';
import { createFormatError, ErrorCode } from '@saldo/kit';
import type { Logger } from '@saldo/kit';

const SUBGRAPH_CODES = new Set<string>(Object.values(ErrorCode));
// Added by the gateway or subgraphs; internal topology, not for clients.
const HIDDEN_EXTENSIONS = new Set(['serviceName', 'exception', 'stacktrace', 'response', 'http']);

/**
 * Subgraph errors arrive already shaped by the kit's mapping: keep their code and
 * details, drop internals. Anything without a known code is masked.
 */
export function routerFormatError(log: Logger, exposeInternalMessages: boolean) {
  const fallback = createFormatError({
    exposeInternalMessages,
    onInternalError: (error) => log.error({ err: error }, 'internal error'),
  });
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && SUBGRAPH_CODES.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
      const extensions = Object.fromEntries(
        Object.entries(formatted.extensions ?? {}).filter(([key]) => !HIDDEN_EXTENSIONS.has(key)),
      );
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions,
      };
    }
    return fallback(formatted, error);
  };
}
