import type { Logger } from '@saldo/kit';
import type { DayCloser } from './day-closer';

/**
 * Runs the close every `intervalMs` (a pass still running makes the next one skip);
 * a failed pass is logged and tried again next time. Returns what stops it.
 */
export function startCloseScheduler(
  closer: DayCloser,
  intervalMs: number,
  log: Logger,
): () => Promise<void> {
  let current: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (current) return;
    current = closer
      .tick()
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error }, 'daily close failed'))
      .finally(() => (current = null));
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await current;
  };
}
