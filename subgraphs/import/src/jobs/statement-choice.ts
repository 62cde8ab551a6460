import type { ParsedStatementAccount, ParseResult } from '../parsers/types';
import type { JobIssue } from './job.model';

/**
 * The statement to import from a file: the one asked for, else the only one, else the first
 * with rows (the job lists them all, so the user can start again with another). A bank
 * statement goes to an account, a card statement to a card.
 */
export function chooseStatement(
  parsed: ParseResult,
  statementAccountId: string | null,
  forCard: boolean,
): { account: ParsedStatementAccount } | { failure: JobIssue } {
  if (parsed.accounts.length === 0) {
    return { failure: { line: null, message: 'The file holds no statement' } };
  }
  let account: ParsedStatementAccount | undefined;
  if (statementAccountId !== null) {
    account = parsed.accounts.find((a) => a.id === statementAccountId);
    if (!account) {
      const ids = parsed.accounts.map((a) => a.id).join(', ');
      return {
        failure: {
          line: null,
          message: `No statement ${statementAccountId} in the file (it has ${ids})`,
        },
      };
    }
  } else {
    account = parsed.accounts.find((a) => a.rows.length > 0) ?? parsed.accounts[0]!;
  }
  if (forCard && account.type !== 'CREDIT_CARD') {
    return {
      failure: {
        line: null,
        message:
          'This is a bank account statement: import it into an account (accountId), not a card',
      },
    };
  }
  if (!forCard && account.type === 'CREDIT_CARD') {
    return {
      failure: {
        line: null,
        message: 'This is a credit card statement: import it into a card (cardId), not an account',
      },
    };
  }
  return { account };
}
