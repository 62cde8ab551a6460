// TEMPORARY (ws-import): stands in for the parsers' own index.ts until ws-parsers is merged;
// drop this file in favour of theirs at the merge.
import { StatementError, type ParseStatement } from './types';

export * from './types';

export const parseStatement: ParseStatement = () => {
  throw new StatementError('The statement parsers are not installed in this build');
};
