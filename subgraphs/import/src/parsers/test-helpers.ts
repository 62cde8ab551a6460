import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseResult, ParsedRow } from './types';
import { StatementError } from './types';

export const FIXTURES = join(__dirname, '../../test/fixtures');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function allRows(result: ParseResult): ParsedRow[] {
  return result.accounts.flatMap((a) => a.rows);
}

/** Runs `fn` and returns the StatementError it throws (fails the test when it does not). */
export function statementError(fn: () => unknown): StatementError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatementError) return error;
    throw error;
  }
  throw new Error('expected a StatementError, got a result');
}
