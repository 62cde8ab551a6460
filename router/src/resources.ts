import type { Logger } from '@saldo/kit';

type Close = () => unknown;

/**
 * What a start-up has opened so far, closed in reverse order: on `stop()`, and when
 * the start-up fails half-way (`start` closes what it opened, then rethrows).
 */
export class Resources {
  private readonly closers: { name: string; close: Close }[] = [];
  private closing: Promise<void> | null = null;

  constructor(private readonly log: Logger) {}

  /** Registers how to close something just opened; returns it. */
  add<T>(name: string, value: T, close: (value: T) => unknown): T {
    this.closers.push({ name, close: () => close(value) });
    return value;
  }

  /** Closes everything, last opened first; a failing close is logged and the rest still run. */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      for (let entry = this.closers.pop(); entry; entry = this.closers.pop()) {
        try {
          await entry.close();
        } catch (error) {
          this.log.warn({ err: error, resource: entry.name }, 'closing failed');
        }
      }
    })());
  }

  /** Runs a start-up; if it throws, closes what it opened and rethrows. */
  static async start<T>(log: Logger, run: (resources: Resources) => Promise<T>): Promise<T> {
    const resources = new Resources(log);
    try {
      return await run(resources);
    } catch (error) {
      await resources.close();
      throw error;
    }
  }
}
